namespace SmartGrid.Consensus.Engine;

/// <summary>Where a validator is inside a round; the order matters (a later step is greater).</summary>
public enum RoundStep
{
    /// <summary>Waiting for the round's proposal.</summary>
    Propose = 0,

    /// <summary>Prevoted; waiting for a prevote quorum.</summary>
    Prevote = 1,

    /// <summary>Precommitted; waiting for a precommit quorum or the round's end.</summary>
    Precommit = 2,
}
