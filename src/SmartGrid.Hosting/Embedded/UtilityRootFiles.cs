using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Hosting.Embedded;

/// <summary>
/// The utility root key of an embedded deployment, kept beside its data: <c>root.key</c> (PKCS#8
/// PEM, readable by its owner only) and <c>root.pub</c> (SubjectPublicKeyInfo PEM, the trust
/// anchor to hand to auditors and proof verifiers).
/// </summary>
public static class UtilityRootFiles
{
    /// <summary>File name of the private key.</summary>
    public const string PrivateKeyFile = "root.key";

    /// <summary>File name of the public key.</summary>
    public const string PublicKeyFile = "root.pub";

    /// <summary>The identity the root signs certificates as.</summary>
    public static readonly DeviceId RootName = DeviceId.Parse("utility-root");

    /// <summary>Loads the root from <paramref name="dataDirectory"/>, creating a new key pair when there is none.</summary>
    /// <exception cref="InvalidDataException">The key files exist but are unreadable or do not match.</exception>
    public static CertificateAuthority LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var privatePath = Path.Combine(dataDirectory, PrivateKeyFile);
        var publicPath = Path.Combine(dataDirectory, PublicKeyFile);
        if (!File.Exists(privatePath))
        {
            var created = SigningKeyPair.Generate();
            KeyFile.WritePrivateKey(privatePath, created);
            KeyFile.WritePublicKey(publicPath, created.PublicKey);
            return new CertificateAuthority(RootName, created);
        }

        SigningKeyPair key;
        try
        {
            key = KeyFile.ReadPrivateKey(privatePath);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{privatePath} is not an Ed25519 PKCS#8 PEM key: {ex.Message}", ex);
        }

        if (!File.Exists(publicPath))
        {
            KeyFile.WritePublicKey(publicPath, key.PublicKey);
        }
        else if (!ReadPublicKey(dataDirectory).Equals(key.PublicKey))
        {
            throw new InvalidDataException($"{publicPath} does not match {privatePath}");
        }

        return new CertificateAuthority(RootName, key);
    }

    /// <summary>Reads the trust anchor (<c>root.pub</c>) of <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or not a public key.</exception>
    public static PublicKey ReadPublicKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, PublicKeyFile);
        try
        {
            return KeyFile.ReadPublicKey(path);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            throw new InvalidDataException($"cannot read the utility root public key {path}: {ex.Message}", ex);
        }
    }
}
