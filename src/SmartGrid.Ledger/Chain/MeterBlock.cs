using System.Collections.Immutable;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// One upload from a meter: a batch of interval readings, the meter's sequence number, the hash
/// of its previous block and the device's Ed25519 signature over all of it. The device keeps
/// its own head, so the store holding the chain cannot forge, drop or reorder a block without
/// the break being provable.
/// </summary>
/// <remarks>
/// Canonical layout (version 1), all of it signed but the signature itself:
/// <c>0x10 01 | meter id (len, ASCII) | sequence u64 | key serial u64 | previous hash (32) |
/// timestamp ms i64 | load profile | signature (64)</c>. Version 2 is version 1 with an appliance
/// section before the signature, covered by it: <c>report count varint (1..<see cref="MaxReports"/>) |
/// each report as length varint + its canonical <see cref="ApplianceReport"/> bytes</c>. A block is
/// written as version 2 only when it carries reports, so blocks without them (and every chain
/// written before appliances) keep their version 1 bytes; a version 2 block with no report is not
/// canonical and does not decode. The block hash is SHA-256 of the whole encoding, signature
/// included, so a block re-signed by another key is a different block.
/// Instances are immutable; decoding does not check the signature (see <see cref="VerifySignature"/>).
/// </remarks>
public sealed class MeterBlock : ISignedBlock
{
    /// <summary>Encoding version of a block without appliance reports.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Encoding version of a block carrying appliance reports.</summary>
    public const byte FormatVersionWithAppliances = 2;

    /// <summary>Most appliance reports one block may carry.</summary>
    public const int MaxReports = 4_096;

    /// <summary>Largest encoded block accepted (a month of 15-minute readings on 32 channels fits).</summary>
    public const int MaxEncodedSize = 1 << 20;

    private readonly byte[] _encoded;

    private MeterBlock(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, ImmutableArray<ApplianceReport> reports, Signature signature, byte[] encoded)
    {
        Reports = reports;
        MeterId = meterId;
        Sequence = sequence;
        KeySerial = keySerial;
        Previous = previous;
        Timestamp = timestamp;
        Profile = profile;
        Signature = signature;
        _encoded = encoded;
        Hash = Hash256.Compute(encoded);
    }

    /// <summary>The meter that signed the block.</summary>
    public DeviceId MeterId { get; }

    /// <inheritdoc />
    DeviceId ISignedBlock.Signer => MeterId;

    /// <summary>Position in the meter's chain, from 0.</summary>
    public ulong Sequence { get; }

    /// <summary>Serial of the certificate whose key signed the block (key rotation picks the key by it).</summary>
    public ulong KeySerial { get; }

    /// <summary>Hash of the previous block, <see cref="Hash256.Zero"/> for the first.</summary>
    public Hash256 Previous { get; }

    /// <summary>When the device sealed the block (millisecond resolution, UTC).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The readings.</summary>
    public LoadProfile Profile { get; }

    /// <summary>The appliance reports the block carries, in the order the meter signed them; empty for a version 1 block.</summary>
    public ImmutableArray<ApplianceReport> Reports { get; }

    /// <summary>The encoding version: <see cref="FormatVersionWithAppliances"/> when the block carries reports.</summary>
    public byte Version => Reports.IsEmpty ? FormatVersion : FormatVersionWithAppliances;

    /// <summary>The device's signature over every preceding byte of the encoding.</summary>
    public Signature Signature { get; }

    /// <summary>SHA-256 of <see cref="Encoded"/>.</summary>
    public Hash256 Hash { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>The bytes covered by the signature.</summary>
    public ReadOnlySpan<byte> SignedBytes => _encoded.AsSpan(0, _encoded.Length - Signature.Size);

    /// <summary>Builds, encodes and signs a block.</summary>
    /// <exception cref="ArgumentException">The timestamp is before 1970 or not UTC-convertible.</exception>
    public static MeterBlock Create(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, SigningKeyPair key) =>
        Create(meterId, sequence, keySerial, previous, timestamp, profile, [], key);

    /// <summary>
    /// Builds, encodes and signs a block carrying appliance reports (version 2; version 1 when
    /// <paramref name="reports"/> is empty). The reports are carried as signed by their appliances.
    /// </summary>
    /// <exception cref="ArgumentException">The timestamp is before 1970, or there are more than <see cref="MaxReports"/> reports.</exception>
    public static MeterBlock Create(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, ImmutableArray<ApplianceReport> reports, SigningKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        reports = reports.IsDefault ? [] : reports;
        var payload = EncodePayload(meterId, sequence, keySerial, previous, timestamp, profile, reports);
        var signature = key.Sign(payload.WrittenSpan);
        return Assemble(meterId, sequence, keySerial, previous, timestamp, profile, reports, signature, payload);
    }

    /// <summary>
    /// Puts a block together from its parts and a signature made elsewhere (a hardware security
    /// module, a test forging one). The signature is not checked here.
    /// </summary>
    public static MeterBlock Assemble(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, Signature signature) =>
        Assemble(meterId, sequence, keySerial, previous, timestamp, profile, [], signature);

    /// <summary>As <see cref="Assemble(DeviceId, ulong, ulong, Hash256, DateTimeOffset, LoadProfile, Signature)"/>, with appliance reports (version 2 when there are any).</summary>
    public static MeterBlock Assemble(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, ImmutableArray<ApplianceReport> reports, Signature signature)
    {
        reports = reports.IsDefault ? [] : reports;
        return Assemble(meterId, sequence, keySerial, previous, timestamp, profile, reports, signature, EncodePayload(meterId, sequence, keySerial, previous, timestamp, profile, reports));
    }

    /// <summary>Decodes a canonical block. The signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical block.</exception>
    public static MeterBlock Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new LedgerFormatException($"a meter block of {bytes.Length} bytes exceeds the {MaxEncodedSize} allowed");
        }

        var reader = new CanonicalReader(bytes);
        var version = reader.ReadHeader(RecordType.MeterBlock, FormatVersionWithAppliances);
        var idAt = reader.Position;
        var idText = reader.ReadShortAscii();
        if (!DeviceId.TryParse(idText, out var meterId, out var idError))
        {
            throw new LedgerFormatException(idError, idAt);
        }

        var sequence = reader.ReadUInt64();
        var keySerial = reader.ReadUInt64();
        var previous = new Hash256(reader.ReadBytes(Hash256.Size));
        var timeAt = reader.Position;
        var timestamp = ReadTimestamp(reader.ReadInt64(), timeAt);
        var profile = LoadProfile.ReadFrom(ref reader);
        var reports = version == FormatVersionWithAppliances ? ReadReports(ref reader) : [];
        var signature = new Signature(reader.ReadBytes(Signature.Size));
        reader.EnsureEnd("meter block");
        return new MeterBlock(meterId, sequence, keySerial, previous, timestamp, profile, reports, signature, bytes.ToArray());
    }

    /// <summary>Whether <see cref="Signature"/> is a valid signature of the block under <paramref name="key"/>.</summary>
    public bool VerifySignature(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(SignedBytes, Signature);
    }

    /// <summary>The canonical encoding as a new array.</summary>
    public byte[] ToArray() => (byte[])_encoded.Clone();

    /// <inheritdoc />
    public override string ToString() => Reports.IsEmpty
        ? $"meter block {MeterId}#{Sequence} {Hash.ToShortString()} ({Profile.Readings.Length} readings)"
        : $"meter block {MeterId}#{Sequence} {Hash.ToShortString()} ({Profile.Readings.Length} readings, {Reports.Length} appliance reports)";

    private static ImmutableArray<ApplianceReport> ReadReports(ref CanonicalReader reader)
    {
        // Version 2 exists only for blocks with reports: an empty section would give a block two encodings.
        var count = reader.ReadVarCount(1, MaxReports, "appliance report count");
        var reports = ImmutableArray.CreateBuilder<ApplianceReport>(count);
        for (var i = 0; i < count; i++)
        {
            var at = reader.Position;
            try
            {
                reports.Add(ApplianceReport.Decode(reader.ReadSizedBytes(ApplianceReport.MaxEncodedSize)));
            }
            catch (LedgerFormatException ex)
            {
                throw new LedgerFormatException($"appliance report {i}: {ex.Message}", at);
            }
        }

        return reports.MoveToImmutable();
    }

    private static MeterBlock Assemble(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, ImmutableArray<ApplianceReport> reports, Signature signature, CanonicalWriter payload)
    {
        payload.WriteBytes(signature.Span);
        return new MeterBlock(meterId, sequence, keySerial, previous, TruncateToMilliseconds(timestamp), profile, reports, signature, payload.ToArray());
    }

    private static CanonicalWriter EncodePayload(DeviceId meterId, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, LoadProfile profile, ImmutableArray<ApplianceReport> reports)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (meterId.IsEmpty)
        {
            throw new ArgumentException("a meter block needs a meter id", nameof(meterId));
        }

        if (reports.Length > MaxReports)
        {
            throw new ArgumentException($"a meter block carries at most {MaxReports} appliance reports, not {reports.Length}", nameof(reports));
        }

        if (reports.Any(r => r is null))
        {
            throw new ArgumentException("an appliance report is missing", nameof(reports));
        }

        var writer = new CanonicalWriter(128 + (profile.Readings.Length * (4 + (profile.Channels.Length * 3))) + (reports.Length * 200));
        writer.WriteHeader(RecordType.MeterBlock, reports.IsEmpty ? FormatVersion : FormatVersionWithAppliances);
        writer.WriteShortAscii(meterId.Value);
        writer.WriteUInt64(sequence);
        writer.WriteUInt64(keySerial);
        writer.WriteBytes(previous.Span);
        writer.WriteInt64(ToUnixMilliseconds(timestamp));
        profile.WriteTo(writer);
        if (!reports.IsEmpty)
        {
            writer.WriteVarUInt64((ulong)reports.Length);
            foreach (var report in reports)
            {
                writer.WriteSizedBytes(report.Encoded.Span);
            }
        }

        return writer;
    }

    internal static long ToUnixMilliseconds(DateTimeOffset timestamp)
    {
        var ms = timestamp.ToUnixTimeMilliseconds();
        return ms >= 0 ? ms : throw new ArgumentException($"timestamp {timestamp:O} is before 1970", nameof(timestamp));
    }

    internal static DateTimeOffset ReadTimestamp(long unixMilliseconds, int at)
    {
        if (unixMilliseconds < 0 || unixMilliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new LedgerFormatException($"timestamp {unixMilliseconds} ms is outside 1970..9999", at);
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset timestamp) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
}
