using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Messages;

/// <summary>Field readers shared by the consensus decoders, each failing with the offset of the bad field.</summary>
internal static class Codec
{
    /// <summary>Largest round a message may name (rounds are u32 on the wire, int in memory).</summary>
    public const int MaxRound = int.MaxValue;

    public static int ReadRound(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var round = reader.ReadUInt32();
        return round > MaxRound ? throw new LedgerFormatException($"round {round} exceeds {MaxRound}", at) : (int)round;
    }

    public static Hash256? ReadOptionalHash(ref CanonicalReader reader)
    {
        var at = reader.Position;
        return reader.ReadByte() switch
        {
            0 => null,
            1 => new Hash256(reader.ReadBytes(Hash256.Size)),
            var flag => throw new LedgerFormatException($"nil flag {flag} is neither 0 nor 1", at),
        };
    }

    public static DeviceId ReadDeviceId(ref CanonicalReader reader)
    {
        var at = reader.Position;
        return DeviceId.TryParse(reader.ReadShortAscii(), out var id, out var error) ? id : throw new LedgerFormatException(error, at);
    }

    public static Hash256 ReadHash(ref CanonicalReader reader) => new(reader.ReadBytes(Hash256.Size));
}
