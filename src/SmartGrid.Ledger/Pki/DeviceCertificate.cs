using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Pki;

/// <summary>
/// A statement by the utility root that a public key belongs to a device in a role for a time
/// window: the whole of SmartGridActors' PKI (no X.509: the fields it needs and nothing else).
/// </summary>
/// <remarks>
/// Canonical layout (version 1): <c>0x11 01 | serial u64 | subject (len, ASCII) | role u8 |
/// subject key (32) | not before s i64 | not after s i64 | issuer (len, ASCII) | signature (64)</c>;
/// the issuer's Ed25519 signature covers every preceding byte.
/// </remarks>
public sealed class DeviceCertificate
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    private readonly byte[] _encoded;

    // The issuer key the signature last verified under (null before any success).
    private PublicKey? _verifiedUnder;

    private DeviceCertificate(ulong serial, DeviceId subject, DeviceRole role, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, DeviceId issuer, Signature issuerSignature, byte[] encoded)
    {
        Serial = serial;
        Subject = subject;
        Role = role;
        SubjectKey = subjectKey;
        NotBefore = notBefore;
        NotAfter = notAfter;
        Issuer = issuer;
        IssuerSignature = issuerSignature;
        _encoded = encoded;
        Hash = Hash256.Compute(encoded);
    }

    /// <summary>Serial number, unique per subject; blocks name the serial of the key that signed them.</summary>
    public ulong Serial { get; }

    /// <summary>The device the key belongs to.</summary>
    public DeviceId Subject { get; }

    /// <summary>What the key may sign.</summary>
    public DeviceRole Role { get; }

    /// <summary>The device's public key.</summary>
    public PublicKey SubjectKey { get; }

    /// <summary>Start of validity (inclusive, whole seconds).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of validity (exclusive, whole seconds).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>The authority that issued it.</summary>
    public DeviceId Issuer { get; }

    /// <summary>The issuer's signature over the certificate.</summary>
    public Signature IssuerSignature { get; }

    /// <summary>SHA-256 of <see cref="Encoded"/>.</summary>
    public Hash256 Hash { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>Whether the certificate covers <paramref name="time"/>.</summary>
    public bool IsValidAt(DateTimeOffset time) => time >= NotBefore && time < NotAfter;

    /// <summary>
    /// Whether the issuer signature is valid under <paramref name="issuerKey"/>. A success is
    /// remembered with the key: the certificate's bytes never change, so checking it again under
    /// the same key (a registry checks before it persists and again as it admits) costs nothing.
    /// </summary>
    public bool VerifyIssuerSignature(PublicKey issuerKey)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        if (_verifiedUnder is { } verified && verified == issuerKey)
        {
            return true;
        }

        var valid = issuerKey.Verify(_encoded.AsSpan(0, _encoded.Length - Signature.Size), IssuerSignature);
        if (valid)
        {
            _verifiedUnder = issuerKey;
        }

        return valid;
    }

    /// <summary>Builds and signs a certificate (use <see cref="CertificateAuthority.Issue"/>).</summary>
    internal static DeviceCertificate Create(ulong serial, DeviceId subject, DeviceRole role, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, DeviceId issuer, SigningKeyPair issuerKey)
    {
        var payload = EncodePayload(serial, subject, role, subjectKey, notBefore, notAfter, issuer);
        return Finish(serial, subject, role, subjectKey, notBefore, notAfter, issuer, issuerKey.Sign(payload.WrittenSpan), payload);
    }

    /// <summary>Puts a certificate together with a signature made elsewhere; the signature is not checked.</summary>
    public static DeviceCertificate Assemble(ulong serial, DeviceId subject, DeviceRole role, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, DeviceId issuer, Signature issuerSignature) =>
        Finish(serial, subject, role, subjectKey, notBefore, notAfter, issuer, issuerSignature, EncodePayload(serial, subject, role, subjectKey, notBefore, notAfter, issuer));

    /// <summary>Decodes a canonical certificate. The issuer signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical certificate.</exception>
    public static DeviceCertificate Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.ReadHeader(RecordType.DeviceCertificate, FormatVersion);
        var serial = reader.ReadUInt64();
        var subject = ReadId(ref reader);
        var roleAt = reader.Position;
        var role = (DeviceRole)reader.ReadByte();
        if (!Enum.IsDefined(role))
        {
            throw new LedgerFormatException($"unknown device role {(byte)role}", roleAt);
        }

        var keyAt = reader.Position;
        if (!PublicKey.TryFromBytes(reader.ReadBytes(PublicKey.Size), out var key))
        {
            throw new LedgerFormatException("the subject key is not a valid Ed25519 public key", keyAt);
        }

        var timeAt = reader.Position;
        var notBefore = ReadSeconds(reader.ReadInt64(), timeAt);
        var notAfter = ReadSeconds(reader.ReadInt64(), timeAt + 8);
        if (notAfter <= notBefore)
        {
            throw new LedgerFormatException("the validity window ends before it starts", timeAt);
        }

        var issuer = ReadId(ref reader);
        var signature = new Signature(reader.ReadBytes(Signature.Size));
        reader.EnsureEnd("device certificate");
        return new DeviceCertificate(serial, subject, role, key, notBefore, notAfter, issuer, signature, bytes.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"certificate #{Serial} {Role} {Subject} [{NotBefore:yyyy-MM-dd}, {NotAfter:yyyy-MM-dd}) by {Issuer}";

    private static DeviceCertificate Finish(ulong serial, DeviceId subject, DeviceRole role, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, DeviceId issuer, Signature signature, CanonicalWriter payload)
    {
        payload.WriteBytes(signature.Span);
        return new DeviceCertificate(serial, subject, role, subjectKey, Seconds(notBefore), Seconds(notAfter), issuer, signature, payload.ToArray());
    }

    private static CanonicalWriter EncodePayload(ulong serial, DeviceId subject, DeviceRole role, PublicKey subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, DeviceId issuer)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        if (subject.IsEmpty || issuer.IsEmpty)
        {
            throw new ArgumentException("a certificate needs a subject and an issuer");
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentException($"unknown device role {role}", nameof(role));
        }

        if (Seconds(notAfter) <= Seconds(notBefore) || notBefore.ToUnixTimeSeconds() < 0)
        {
            throw new ArgumentException($"validity [{notBefore:O}, {notAfter:O}) is empty or before 1970");
        }

        var writer = new CanonicalWriter(192);
        writer.WriteHeader(RecordType.DeviceCertificate, FormatVersion);
        writer.WriteUInt64(serial);
        writer.WriteShortAscii(subject.Value);
        writer.WriteByte((byte)role);
        writer.WriteBytes(subjectKey.Span);
        writer.WriteInt64(notBefore.ToUnixTimeSeconds());
        writer.WriteInt64(notAfter.ToUnixTimeSeconds());
        writer.WriteShortAscii(issuer.Value);
        return writer;
    }

    internal static DeviceId ReadId(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var text = reader.ReadShortAscii();
        return DeviceId.TryParse(text, out var id, out var error) ? id : throw new LedgerFormatException(error, at);
    }

    internal static DateTimeOffset ReadSeconds(long seconds, int at)
    {
        if (seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new LedgerFormatException($"time {seconds} s is outside 1970..9999", at);
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
