using System.Buffers.Binary;
using System.Security.Cryptography;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Pki;

/// <summary>
/// The utility root: the one key every device certificate and revocation traces back to.
/// Its public key is the trust anchor given to silos, audits and proof verifiers.
/// </summary>
public sealed class CertificateAuthority
{
    /// <summary>Creates an authority from its name and key.</summary>
    public CertificateAuthority(DeviceId name, SigningKeyPair key)
    {
        if (name.IsEmpty)
        {
            throw new ArgumentException("an authority needs a name", nameof(name));
        }

        Name = name;
        Key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <summary>The authority's identity, written as the issuer of what it signs.</summary>
    public DeviceId Name { get; }

    /// <summary>The signing key.</summary>
    public SigningKeyPair Key { get; }

    /// <summary>The trust anchor: the public key that verifies everything this authority signs.</summary>
    public PublicKey PublicKey => Key.PublicKey;

    /// <summary>
    /// Issues a certificate. The serial, when not given, is derived from the subject, key and
    /// window, so issuing the same certificate twice yields the same bytes.
    /// </summary>
    public DeviceCertificate Issue(DeviceId subject, DeviceRole role, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, ulong? serial = null) =>
        DeviceCertificate.Create(serial ?? DeriveSerial(subject, subjectKey, notBefore), subject, role, subjectKey, notBefore, notAfter, Name, Key);

    /// <summary>Revokes a certificate from a time on.</summary>
    public CertificateRevocation Revoke(DeviceCertificate certificate, DateTimeOffset revokedAt, RevocationReason reason)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CertificateRevocation.Create(certificate.Subject, certificate.Serial, revokedAt, reason, Name, Key);
    }

    private static ulong DeriveSerial(DeviceId subject, PublicKey key, DateTimeOffset notBefore)
    {
        Span<byte> digest = stackalloc byte[32];
        var input = System.Text.Encoding.ASCII.GetBytes($"{subject.Value}|{key}|{notBefore.ToUnixTimeSeconds()}");
        SHA256.HashData(input, digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest) & long.MaxValue;
    }
}
