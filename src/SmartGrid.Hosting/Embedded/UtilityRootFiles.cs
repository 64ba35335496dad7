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

    /// <summary>
    /// Loads the utility root (private key) of <paramref name="dataDirectory"/>. A new root is
    /// created only in a folder that has no key files and no database: anywhere else a missing
    /// key is an error, never a silent replacement of the trust every stored certificate rests on.
    /// </summary>
    /// <exception cref="InvalidDataException">The key is missing from a folder in use, unreadable, or does not match <c>root.pub</c>.</exception>
    public static CertificateAuthority LoadOrCreate(string dataDirectory)
    {
        var privatePath = Path.Combine(dataDirectory, PrivateKeyFile);
        if (!File.Exists(privatePath))
        {
            if (File.Exists(Path.Combine(dataDirectory, PublicKeyFile)) || File.Exists(Path.Combine(dataDirectory, EmbeddedProfileOptions.DatabaseFileName)))
            {
                throw new InvalidDataException($"{privatePath} is missing: this data folder already has a utility root, and issuing certificates needs its private key (a silo alone runs with {PublicKeyFile})");
            }

            return Create(dataDirectory);
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

        var publicPath = Path.Combine(dataDirectory, PublicKeyFile);
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

    /// <summary>
    /// The trust anchor a silo on <paramref name="dataDirectory"/> uses: <c>root.pub</c>, which is
    /// all a silo needs (the private key may live elsewhere). A fresh folder gets a new root.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder is in use but has no root public key, or it is unreadable.</exception>
    public static PublicKey LoadTrustAnchor(string dataDirectory)
    {
        if (File.Exists(Path.Combine(dataDirectory, PublicKeyFile)))
        {
            return ReadPublicKey(dataDirectory);
        }

        return LoadOrCreate(dataDirectory).PublicKey;
    }

    private static CertificateAuthority Create(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var created = SigningKeyPair.Generate();
        KeyFile.WritePrivateKey(Path.Combine(dataDirectory, PrivateKeyFile), created);
        KeyFile.WritePublicKey(Path.Combine(dataDirectory, PublicKeyFile), created.PublicKey);
        return new CertificateAuthority(RootName, created);
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
