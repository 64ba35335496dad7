namespace SmartGrid.Consensus.Engine;

/// <summary>The timers a validator asks its host to run.</summary>
public enum TimeoutKind
{
    /// <summary>No proposal arrived in time: prevote nil.</summary>
    Propose = 1,

    /// <summary>A prevote quorum arrived but none for one block or nil: precommit nil.</summary>
    Prevote = 2,

    /// <summary>A precommit quorum arrived but no commit: go to the next round.</summary>
    Precommit = 3,

    /// <summary>Periodic: send this height's own messages again and commits to validators that lag.</summary>
    Rebroadcast = 4,
}
