namespace SmartGrid.Consensus.Evidence;

/// <summary>What a validator provably did wrong. Values are part of the signed format.</summary>
public enum MisbehaviourKind : byte
{
    /// <summary>Two different votes of one type at one height and round (equivocation).</summary>
    ConflictingVotes = 1,

    /// <summary>Two different proposals at one height and round (equivocation).</summary>
    ConflictingProposals = 2,

    /// <summary>
    /// A proposal that every validator can prove invalid from committed data alone: signed by a
    /// validator the lottery did not draw, a false efficiency claim, or a wrong previous block.
    /// </summary>
    InvalidProposal = 3,
}
