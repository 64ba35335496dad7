using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Consensus.Evidence;

/// <summary>
/// Self-contained proof that a validator misbehaved: its own signed messages. Carried in blocks,
/// it lowers the offender's behaviour score on every validator alike (docs/POEF.md §4).
/// </summary>
/// <remarks>
/// Layout: <c>0x24 01 | kind u8 | first message (sized) | second message (sized; conflicts only)</c>.
/// Proposals are kept without their payload. A conflicting pair is stored in the order of their
/// encodings, so both orders of discovery give the same bytes.
/// </remarks>
public sealed class Misbehaviour
{
    private readonly byte[] _encoded;

    private Misbehaviour(MisbehaviourKind kind, ConsensusMessage first, ConsensusMessage? second, byte[] encoded)
    {
        Kind = kind;
        First = first;
        Second = second;
        _encoded = encoded;
    }

    /// <summary>The fault.</summary>
    public MisbehaviourKind Kind { get; }

    /// <summary>The first signed message of the proof.</summary>
    public ConsensusMessage First { get; }

    /// <summary>The conflicting message, or null for an invalid proposal.</summary>
    public ConsensusMessage? Second { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>What the evidence punishes.</summary>
    public MisbehaviourKey Key => First switch
    {
        Vote vote => new MisbehaviourKey(Kind, vote.Validator, vote.Height, vote.Round, vote.Type),
        Proposal proposal => new MisbehaviourKey(Kind, proposal.Proposer, proposal.Height, proposal.Round, 0),
        _ => throw new InvalidOperationException("evidence holds only votes and proposals"),
    };

    /// <summary>Evidence of two different votes of one type by one validator at one height and round.</summary>
    /// <exception cref="ArgumentException">The votes do not conflict.</exception>
    public static Misbehaviour ConflictingVotes(Vote a, Vote b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.ConflictsWith(b))
        {
            throw new ArgumentException("the votes do not conflict", nameof(b));
        }

        return Pair(MisbehaviourKind.ConflictingVotes, a, b);
    }

    /// <summary>Evidence of two different proposals by one proposer at one height and round.</summary>
    /// <exception cref="ArgumentException">The proposals do not conflict.</exception>
    public static Misbehaviour ConflictingProposals(Proposal a, Proposal b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!ProposalsConflict(a, b))
        {
            throw new ArgumentException("the proposals do not conflict", nameof(b));
        }

        return Pair(MisbehaviourKind.ConflictingProposals, a, b);
    }

    /// <summary>Evidence of a proposal that is invalid on committed data alone (see <see cref="MisbehaviourKind.InvalidProposal"/>).</summary>
    public static Misbehaviour InvalidProposal(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var writer = new CanonicalWriter(256);
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.Evidence);
        writer.WriteByte((byte)MisbehaviourKind.InvalidProposal);
        writer.WriteSizedBytes(proposal.Encode(includePayload: false));
        return new Misbehaviour(MisbehaviourKind.InvalidProposal, proposal, null, writer.ToArray());
    }

    /// <summary>Decodes evidence; signatures are not checked here (<see cref="SignatureDefect"/> does that).</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical evidence record.</exception>
    public static Misbehaviour Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.Evidence);
        var kindAt = reader.Position;
        var kind = (MisbehaviourKind)reader.ReadByte();
        Misbehaviour result;
        try
        {
            result = kind switch
            {
                MisbehaviourKind.ConflictingVotes => ConflictingVotes(Vote.Decode(reader.ReadSizedBytes(1024)), Vote.Decode(reader.ReadSizedBytes(1024))),
                MisbehaviourKind.ConflictingProposals => ConflictingProposals(ReadProposal(ref reader), ReadProposal(ref reader)),
                MisbehaviourKind.InvalidProposal => InvalidProposal(ReadProposal(ref reader)),
                _ => throw new LedgerFormatException($"evidence kind {(byte)kind} is not known", kindAt),
            };
        }
        catch (ArgumentException ex)
        {
            throw new LedgerFormatException(ex.Message, kindAt);
        }

        reader.EnsureEnd("evidence");
        if (!result.Encoded.Span.SequenceEqual(bytes))
        {
            throw new LedgerFormatException("a conflicting pair is not in canonical order", kindAt);
        }

        return result;
    }

    /// <summary>Why the signed messages do not prove the fault under <paramref name="set"/>, or null when they do.</summary>
    public string? SignatureDefect(ValidatorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var message in Second is null ? [First] : new[] { First, Second })
        {
            var signed = message switch
            {
                Vote vote => vote.IsSignedBy(set),
                Proposal proposal => proposal.IsSignedBy(set),
                _ => false,
            };
            if (!signed)
            {
                return $"{message} is not signed by a member of {set}";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} by {Key.Offender} at h{Key.Height} r{Key.Round}";

    private static bool ProposalsConflict(Proposal a, Proposal b) =>
        a.Block.SetId == b.Block.SetId && a.Height == b.Height && a.Round == b.Round && a.Proposer == b.Proposer
        && (a.Block.Hash != b.Block.Hash || a.PolRound != b.PolRound);

    private static Misbehaviour Pair(MisbehaviourKind kind, ConsensusMessage a, ConsensusMessage b)
    {
        var aBytes = a is Proposal pa ? pa.Encode(includePayload: false) : a.Encode();
        var bBytes = b is Proposal pb ? pb.Encode(includePayload: false) : b.Encode();
        if (aBytes.AsSpan().SequenceCompareTo(bBytes) > 0)
        {
            (a, b) = (b, a);
            (aBytes, bBytes) = (bBytes, aBytes);
        }

        var writer = new CanonicalWriter(aBytes.Length + bBytes.Length + 16);
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.Evidence);
        writer.WriteByte((byte)kind);
        writer.WriteSizedBytes(aBytes);
        writer.WriteSizedBytes(bBytes);
        return new Misbehaviour(kind, a, b, writer.ToArray());
    }

    private static Proposal ReadProposal(ref CanonicalReader reader) => Proposal.Decode(reader.ReadSizedBytes(ConsensusBlock.MaxEncodedSize));
}
