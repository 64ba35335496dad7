using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Pki;

/// <summary>
/// A signed statement by the utility root that a certificate stops being valid at a time.
/// Signatures made at or after <see cref="RevokedAt"/> are rejected; once a revocation is known,
/// nothing new is accepted under the certificate whatever time it claims.
/// </summary>
/// <remarks>
/// Canonical layout (version 1): <c>0x12 01 | subject (len, ASCII) | serial u64 | revoked at s i64 |
/// reason u8 | issuer (len, ASCII) | signature (64)</c>.
/// </remarks>
public sealed class CertificateRevocation
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    private readonly byte[] _encoded;

    private CertificateRevocation(DeviceId subject, ulong serial, DateTimeOffset revokedAt, RevocationReason reason, DeviceId issuer, Signature signature, byte[] encoded)
    {
        Subject = subject;
        Serial = serial;
        RevokedAt = revokedAt;
        Reason = reason;
        Issuer = issuer;
        IssuerSignature = signature;
        _encoded = encoded;
    }

    /// <summary>The device whose certificate is revoked.</summary>
    public DeviceId Subject { get; }

    /// <summary>Serial of the revoked certificate.</summary>
    public ulong Serial { get; }

    /// <summary>From when signatures under the certificate are invalid.</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>Why.</summary>
    public RevocationReason Reason { get; }

    /// <summary>The authority that revoked it.</summary>
    public DeviceId Issuer { get; }

    /// <summary>The issuer's signature.</summary>
    public Signature IssuerSignature { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>Whether the issuer signature is valid under <paramref name="issuerKey"/>.</summary>
    public bool VerifyIssuerSignature(PublicKey issuerKey)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        return issuerKey.Verify(_encoded.AsSpan(0, _encoded.Length - Signature.Size), IssuerSignature);
    }

    internal static CertificateRevocation Create(DeviceId subject, ulong serial, DateTimeOffset revokedAt, RevocationReason reason, DeviceId issuer, SigningKeyPair issuerKey)
    {
        var payload = EncodePayload(subject, serial, revokedAt, reason, issuer);
        var signature = issuerKey.Sign(payload.WrittenSpan);
        payload.WriteBytes(signature.Span);
        return new CertificateRevocation(subject, serial, DateTimeOffset.FromUnixTimeSeconds(revokedAt.ToUnixTimeSeconds()), reason, issuer, signature, payload.ToArray());
    }

    /// <summary>Decodes a canonical revocation. The issuer signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical revocation.</exception>
    public static CertificateRevocation Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.ReadHeader(RecordType.CertificateRevocation, FormatVersion);
        var subject = DeviceCertificate.ReadId(ref reader);
        var serial = reader.ReadUInt64();
        var at = reader.Position;
        var revokedAt = DeviceCertificate.ReadSeconds(reader.ReadInt64(), at);
        var reason = (RevocationReason)reader.ReadByte();
        var issuer = DeviceCertificate.ReadId(ref reader);
        var signature = new Signature(reader.ReadBytes(Signature.Size));
        reader.EnsureEnd("certificate revocation");
        return new CertificateRevocation(subject, serial, revokedAt, reason, issuer, signature, bytes.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"revocation of {Subject} #{Serial} from {RevokedAt:O} ({Reason})";

    private static CanonicalWriter EncodePayload(DeviceId subject, ulong serial, DateTimeOffset revokedAt, RevocationReason reason, DeviceId issuer)
    {
        if (subject.IsEmpty || issuer.IsEmpty)
        {
            throw new ArgumentException("a revocation needs a subject and an issuer");
        }

        var writer = new CanonicalWriter(160);
        writer.WriteHeader(RecordType.CertificateRevocation, FormatVersion);
        writer.WriteShortAscii(subject.Value);
        writer.WriteUInt64(serial);
        writer.WriteInt64(revokedAt.ToUnixTimeSeconds());
        writer.WriteByte((byte)reason);
        writer.WriteShortAscii(issuer.Value);
        return writer;
    }
}
