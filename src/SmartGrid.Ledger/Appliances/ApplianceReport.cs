using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Appliances;

/// <summary>
/// A smart appliance's signed sub-reading: the active energy it drew over an interval, for its
/// household meter to carry inside the meter's next block. Each appliance keeps its own hash chain
/// of reports (sequence and previous-report hash), so a meter cannot drop, reorder or invent an
/// appliance's reports without the break being provable, and the appliance's key (certificate role
/// <see cref="Pki.DeviceRole.Appliance"/>) is the only one that can sign them.
/// </summary>
/// <remarks>
/// Canonical layout (version 1), all of it signed but the signature itself:
/// <c>0x17 01 | appliance id (len, ASCII) | household meter id (len, ASCII) | sequence u64 |
/// key serial u64 | previous report hash (32) | start ms i64 | end ms i64 | energy Wh varint |
/// signature (64)</c>. The report hash is SHA-256 of the whole encoding, signature included.
/// The report is signed at the end of its interval: <see cref="Timestamp"/> is <see cref="End"/>.
/// </remarks>
public sealed class ApplianceReport : ISignedBlock
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Largest encoded report accepted (two 64-character ids and the fixed fields fit).</summary>
    public const int MaxEncodedSize = 512;

    /// <summary>Most energy one report may claim (1 TWh), so that sums over a block never overflow.</summary>
    public const ulong MaxEnergyWh = 1_000_000_000_000;

    private readonly byte[] _encoded;

    private ApplianceReport(DeviceId applianceId, DeviceId household, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset start, DateTimeOffset end, ulong energyWh, Signature signature, byte[] encoded)
    {
        ApplianceId = applianceId;
        Household = household;
        Sequence = sequence;
        KeySerial = keySerial;
        Previous = previous;
        Start = start;
        End = end;
        EnergyWh = energyWh;
        Signature = signature;
        _encoded = encoded;
        Hash = Hash256.Compute(encoded);
    }

    /// <summary>The appliance that signed the report.</summary>
    public DeviceId ApplianceId { get; }

    /// <inheritdoc />
    DeviceId ISignedBlock.Signer => ApplianceId;

    /// <summary>The household meter whose blocks carry the report.</summary>
    public DeviceId Household { get; }

    /// <summary>Position in the appliance's chain of reports, from 0.</summary>
    public ulong Sequence { get; }

    /// <summary>Serial of the appliance certificate whose key signed the report.</summary>
    public ulong KeySerial { get; }

    /// <summary>Hash of the appliance's previous report, <see cref="Hash256.Zero"/> for its first.</summary>
    public Hash256 Previous { get; }

    /// <summary>Start of the interval (UTC, millisecond resolution).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>End of the interval, after <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; }

    /// <summary>When the appliance signed the report: the end of its interval.</summary>
    public DateTimeOffset Timestamp => End;

    /// <summary>Active energy drawn over the interval, in Wh.</summary>
    public ulong EnergyWh { get; }

    /// <summary>Mean active power over the interval, in W.</summary>
    public double MeanPowerW => EnergyWh / (End - Start).TotalHours;

    /// <summary>The appliance's signature over every preceding byte of the encoding.</summary>
    public Signature Signature { get; }

    /// <summary>SHA-256 of <see cref="Encoded"/>.</summary>
    public Hash256 Hash { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>The bytes covered by the signature.</summary>
    public ReadOnlySpan<byte> SignedBytes => _encoded.AsSpan(0, _encoded.Length - Signature.Size);

    /// <summary>Builds, encodes and signs a report.</summary>
    /// <exception cref="ArgumentException">An id is empty, the interval is empty or before 1970, or the energy is above <see cref="MaxEnergyWh"/>.</exception>
    public static ApplianceReport Create(DeviceId applianceId, DeviceId household, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset start, DateTimeOffset end, ulong energyWh, SigningKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = EncodePayload(applianceId, household, sequence, keySerial, previous, start, end, energyWh);
        return Assemble(payload, key.Sign(payload.WrittenSpan));
    }

    /// <summary>Puts a report together from its parts and a signature made elsewhere (not checked here).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static ApplianceReport Assemble(DeviceId applianceId, DeviceId household, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset start, DateTimeOffset end, ulong energyWh, Signature signature) =>
        Assemble(EncodePayload(applianceId, household, sequence, keySerial, previous, start, end, energyWh), signature);

    /// <summary>Decodes a canonical report. The signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical report.</exception>
    public static ApplianceReport Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new LedgerFormatException($"an appliance report of {bytes.Length} bytes exceeds the {MaxEncodedSize} allowed");
        }

        var reader = new CanonicalReader(bytes);
        reader.ReadHeader(RecordType.ApplianceReport, FormatVersion);
        var appliance = ReadId(ref reader);
        var household = ReadId(ref reader);
        var sequence = reader.ReadUInt64();
        var keySerial = reader.ReadUInt64();
        var previous = new Hash256(reader.ReadBytes(Hash256.Size));
        var at = reader.Position;
        var start = MeterBlock.ReadTimestamp(reader.ReadInt64(), at);
        var end = MeterBlock.ReadTimestamp(reader.ReadInt64(), at + 8);
        if (end <= start)
        {
            throw new LedgerFormatException($"appliance report interval ends {end:O}, not after its start {start:O}", at);
        }

        var energyAt = reader.Position;
        var energy = reader.ReadVarUInt64();
        if (energy > MaxEnergyWh)
        {
            throw new LedgerFormatException($"appliance report claims {energy} Wh, more than the {MaxEnergyWh} allowed", energyAt);
        }

        var signature = new Signature(reader.ReadBytes(Signature.Size));
        reader.EnsureEnd("appliance report");
        return new ApplianceReport(appliance, household, sequence, keySerial, previous, start, end, energy, signature, bytes.ToArray());
    }

    /// <inheritdoc />
    public bool VerifySignature(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(SignedBytes, Signature);
    }

    /// <summary>The canonical encoding as a new array.</summary>
    public byte[] ToArray() => (byte[])_encoded.Clone();

    /// <inheritdoc />
    public override string ToString() => $"appliance report {ApplianceId}#{Sequence} for {Household} {Hash.ToShortString()} ({EnergyWh} Wh)";

    private static DeviceId ReadId(ref CanonicalReader reader)
    {
        var at = reader.Position;
        return DeviceId.TryParse(reader.ReadShortAscii(), out var id, out var error) ? id : throw new LedgerFormatException(error, at);
    }

    private static ApplianceReport Assemble(CanonicalWriter payload, Signature signature)
    {
        payload.WriteBytes(signature.Span);
        return Decode(payload.WrittenSpan);
    }

    private static CanonicalWriter EncodePayload(DeviceId applianceId, DeviceId household, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset start, DateTimeOffset end, ulong energyWh)
    {
        if (applianceId.IsEmpty || household.IsEmpty)
        {
            throw new ArgumentException("an appliance report needs an appliance id and a household meter id");
        }

        if (energyWh > MaxEnergyWh)
        {
            throw new ArgumentException($"an appliance report may claim at most {MaxEnergyWh} Wh, not {energyWh}", nameof(energyWh));
        }

        var startMs = MeterBlock.ToUnixMilliseconds(start);
        var endMs = MeterBlock.ToUnixMilliseconds(end);
        if (endMs <= startMs)
        {
            throw new ArgumentException($"appliance report interval ends {end:O}, not after its start {start:O}", nameof(end));
        }

        var writer = new CanonicalWriter(200);
        writer.WriteHeader(RecordType.ApplianceReport, FormatVersion);
        writer.WriteShortAscii(applianceId.Value);
        writer.WriteShortAscii(household.Value);
        writer.WriteUInt64(sequence);
        writer.WriteUInt64(keySerial);
        writer.WriteBytes(previous.Span);
        writer.WriteInt64(startMs);
        writer.WriteInt64(endMs);
        writer.WriteVarUInt64(energyWh);
        return writer;
    }
}
