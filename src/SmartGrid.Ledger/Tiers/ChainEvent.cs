using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// An analytics verdict recorded, signed, in an anchor block: what was found, about whom, when,
/// and the measured value in millionths of its unit (a loss fraction of 0.2 is 200,000; 262 V is
/// 262,000,000), so the record is exact and the same on every node.
/// </summary>
/// <param name="Kind">What was found.</param>
/// <param name="Subject">The meter, or the node for area-wide findings.</param>
/// <param name="Time">When (millisecond resolution).</param>
/// <param name="MicroValue">The measured value × 10^6, rounded.</param>
public readonly record struct ChainEvent(ChainEventKind Kind, DeviceId Subject, DateTimeOffset Time, long MicroValue)
{
    /// <summary>The measured value in its own unit.</summary>
    public double Value => MicroValue / 1_000_000.0;

    /// <summary>An event of <paramref name="value"/> in its unit.</summary>
    public static ChainEvent Of(ChainEventKind kind, DeviceId subject, DateTimeOffset time, double value) =>
        new(kind, subject, DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()), (long)Math.Round(Math.Clamp(value, -9e12, 9e12) * 1_000_000));

    /// <summary>Writes <c>kind u8 | subject (len, ASCII) | time ms i64 | value zig-zag varint</c>.</summary>
    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)Kind);
        writer.WriteShortAscii(Subject.Value);
        writer.WriteInt64(MeterBlock.ToUnixMilliseconds(Time));
        writer.WriteVarInt64(MicroValue);
    }

    /// <summary>Reads one event written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a canonical event.</exception>
    public static ChainEvent ReadFrom(ref CanonicalReader reader)
    {
        var kindAt = reader.Position;
        var kind = (ChainEventKind)reader.ReadByte();
        if (!Enum.IsDefined(kind))
        {
            throw new LedgerFormatException($"unknown event kind {(byte)kind}", kindAt);
        }

        var idAt = reader.Position;
        if (!DeviceId.TryParse(reader.ReadShortAscii(), out var subject, out var error))
        {
            throw new LedgerFormatException(error, idAt);
        }

        var timeAt = reader.Position;
        var time = MeterBlock.ReadTimestamp(reader.ReadInt64(), timeAt);
        return new ChainEvent(kind, subject, time, reader.ReadVarInt64());
    }
}
