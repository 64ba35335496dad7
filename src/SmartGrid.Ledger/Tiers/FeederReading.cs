using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// The energy that entered a concentrator's area through its feeder (transformer) meter over one
/// interval: the input of the energy-balance check against the sum of its meters.
/// </summary>
/// <param name="Start">Start of the interval (UTC, millisecond resolution).</param>
/// <param name="End">End of the interval, after <paramref name="Start"/>.</param>
/// <param name="ImportWh">Active energy imported over the interval, in Wh.</param>
public readonly record struct FeederReading(DateTimeOffset Start, DateTimeOffset End, ulong ImportWh)
{
    /// <summary>Writes the canonical bytes: <c>start ms i64 | end ms i64 | Wh varint</c>.</summary>
    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (End <= Start)
        {
            throw new ArgumentException($"feeder interval ends {End:O}, not after its start {Start:O}");
        }

        writer.WriteInt64(MeterBlock.ToUnixMilliseconds(Start));
        writer.WriteInt64(MeterBlock.ToUnixMilliseconds(End));
        writer.WriteVarUInt64(ImportWh);
    }

    /// <summary>Reads one reading written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a canonical feeder reading.</exception>
    public static FeederReading ReadFrom(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var start = MeterBlock.ReadTimestamp(reader.ReadInt64(), at);
        var end = MeterBlock.ReadTimestamp(reader.ReadInt64(), at + 8);
        if (end <= start)
        {
            throw new LedgerFormatException($"feeder interval ends {end:O}, not after its start {start:O}", at);
        }

        return new FeederReading(start, end, reader.ReadVarUInt64());
    }
}
