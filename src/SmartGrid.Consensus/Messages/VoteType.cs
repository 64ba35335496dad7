namespace SmartGrid.Consensus.Messages;

/// <summary>The two voting steps of a round. Values are part of the signed format.</summary>
public enum VoteType : byte
{
    /// <summary>First vote of a round: "this proposal is valid and I am free to take it".</summary>
    Prevote = 1,

    /// <summary>Second vote of a round: "I saw a quorum of prevotes for this block and locked on it".</summary>
    Precommit = 2,
}
