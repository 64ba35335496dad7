using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Messages;

/// <summary>
/// A message between validators: a <see cref="Proposal"/>, a <see cref="Vote"/> or a
/// <see cref="CommitAnnouncement"/>. Each has one canonical encoding; its hash identifies it, so a
/// duplicate or a replay is recognised and changes nothing.
/// </summary>
public abstract class ConsensusMessage
{
    private Hash256? _id;

    /// <summary>The height the message is about.</summary>
    public abstract ulong Height { get; }

    /// <summary>The round the message is about.</summary>
    public abstract int Round { get; }

    /// <summary>SHA-256 of <see cref="Encode"/>: equal messages have equal ids.</summary>
    public Hash256 Id => _id ??= Hash256.Compute(Encode());

    /// <summary>The canonical wire encoding (what a stream carries).</summary>
    public abstract byte[] Encode();

    /// <summary>Decodes any consensus message from its wire encoding; signatures are not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical message.</exception>
    public static ConsensusMessage DecodeAny(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new LedgerFormatException("empty consensus message");
        }

        return (ConsensusRecordType)bytes[0] switch
        {
            ConsensusRecordType.Vote => Vote.Decode(bytes),
            ConsensusRecordType.Proposal => Proposal.Decode(bytes),
            ConsensusRecordType.CommitAnnouncement => CommitAnnouncement.Decode(bytes),
            _ => throw new LedgerFormatException($"type 0x{bytes[0]:X2} is not a consensus message", 0),
        };
    }
}
