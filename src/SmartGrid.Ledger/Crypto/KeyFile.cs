using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace SmartGrid.Ledger.Crypto;

/// <summary>
/// Reads and writes Ed25519 keys as standard PEM: SubjectPublicKeyInfo ("PUBLIC KEY") and
/// PKCS#8 ("PRIVATE KEY"), the formats OpenSSL uses (<c>openssl pkey -pubin -in root.pub -text</c>).
/// A public key may also be given as 64 hexadecimal characters.
/// </summary>
public static class KeyFile
{
    private const string PublicLabel = "PUBLIC KEY";
    private const string PrivateLabel = "PRIVATE KEY";

    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }
    private static readonly byte[] Pkcs8Ed25519Prefix = Convert.FromHexString("302e020100300506032b657004220420");

    /// <summary>The PEM text of a public key.</summary>
    public static string ToPem(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var info = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new Ed25519PublicKeyParameters(key.Span));
        return new string(PemEncoding.Write(PublicLabel, info.GetDerEncoded())) + "\n";
    }

    /// <summary>The PEM text of a private key. Whoever holds it can sign as its owner.</summary>
    public static string ToPem(SigningKeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);

        // PKCS#8 version 1 exactly as RFC 8410 §7 and `openssl genpkey` write it (OpenSSL 3
        // refuses the version 2 form, with the public key, that BouncyCastle's factory writes).
        byte[] der = [.. Pkcs8Ed25519Prefix, .. keyPair.ExportPrivateKey()];
        return new string(PemEncoding.Write(PrivateLabel, der)) + "\n";
    }

    /// <summary>Parses a public key from PEM text or 64 hexadecimal characters.</summary>
    /// <exception cref="FormatException">The text holds no Ed25519 public key.</exception>
    public static PublicKey ParsePublicKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("-----", StringComparison.Ordinal))
        {
            return PublicKey.Parse(trimmed);
        }

        var der = DecodePem(trimmed, PublicLabel);
        try
        {
            if (PublicKeyFactory.CreateKey(der) is Ed25519PublicKeyParameters ed)
            {
                return PublicKey.FromBytes(ed.GetEncoded());
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException)
        {
            throw new FormatException("the PUBLIC KEY block is not a valid SubjectPublicKeyInfo", ex);
        }

        throw new FormatException("the PUBLIC KEY block does not hold an Ed25519 key");
    }

    /// <summary>Parses a private key from PKCS#8 PEM text.</summary>
    /// <exception cref="FormatException">The text holds no Ed25519 private key.</exception>
    public static SigningKeyPair ParsePrivateKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var der = DecodePem(text.Trim(), PrivateLabel);
        try
        {
            if (PrivateKeyFactory.CreateKey(der) is Ed25519PrivateKeyParameters ed)
            {
                return SigningKeyPair.FromPrivateKey(ed.GetEncoded());
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException)
        {
            throw new FormatException("the PRIVATE KEY block is not a valid PKCS#8 key", ex);
        }

        throw new FormatException("the PRIVATE KEY block does not hold an Ed25519 key");
    }

    /// <summary>Reads a public key file (PEM or hex).</summary>
    public static PublicKey ReadPublicKey(string path) => ParsePublicKey(File.ReadAllText(path));

    /// <summary>Reads a PKCS#8 PEM private key file.</summary>
    public static SigningKeyPair ReadPrivateKey(string path) => ParsePrivateKey(File.ReadAllText(path));

    /// <summary>Writes a public key file in PEM.</summary>
    public static void WritePublicKey(string path, PublicKey key) => File.WriteAllText(path, ToPem(key));

    /// <summary>Writes a private key file in PEM, readable by its owner only where the platform allows.</summary>
    public static void WritePrivateKey(string path, SigningKeyPair keyPair)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created owner-only, never readable by others even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(ToPem(keyPair));
    }

    private static byte[] DecodePem(string text, string label)
    {
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new FormatException($"no PEM block found (expected -----BEGIN {label}-----)");
        }

        var found = text[fields.Label];
        if (!string.Equals(found, label, StringComparison.Ordinal))
        {
            throw new FormatException($"the PEM block is '{found}', expected '{label}'");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }
}
