using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;

namespace SmartGrid.Consensus.Engine;

/// <summary>
/// Timeouts and bounds of one validator. Timeouts grow with the round, so after the network
/// heals some round is long enough for honest validators to hear each other (docs/POEF.md §7).
/// </summary>
public sealed record ConsensusOptions
{
    /// <summary>Propose timeout of round 0.</summary>
    public TimeSpan ProposeTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Added to the propose timeout per round.</summary>
    public TimeSpan ProposeTimeoutDelta { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Prevote timeout of round 0.</summary>
    public TimeSpan PrevoteTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Added to the prevote timeout per round.</summary>
    public TimeSpan PrevoteTimeoutDelta { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Precommit timeout of round 0.</summary>
    public TimeSpan PrecommitTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Added to the precommit timeout per round.</summary>
    public TimeSpan PrecommitTimeoutDelta { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Period of the rebroadcast of own messages and of commits for validators that lag.</summary>
    public TimeSpan RebroadcastInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Rounds above the current one whose messages are kept; later ones are dropped.</summary>
    public int MaxRoundsAhead { get; init; } = 64;

    /// <summary>Decided heights whose commit is kept to answer validators that lag.</summary>
    public int CommitHistory { get; init; } = 64;

    /// <summary>Messages of the next height kept until this one is decided.</summary>
    public int MaxBufferedMessages { get; init; } = 1024;

    /// <summary>
    /// Signatures already verified by other validators in this process (null: every engine checks
    /// every signature itself). A host running many validators of a set shares one.
    /// </summary>
    public VerifiedMessageCache? VerifiedMessages { get; init; }

    /// <summary>The protocol's efficiency constants (the same on every validator of a set).</summary>
    public EfficiencyParameters Efficiency { get; init; } = EfficiencyParameters.Default;

    /// <summary>The timeout of <paramref name="kind"/> in <paramref name="round"/>.</summary>
    public TimeSpan TimeoutOf(TimeoutKind kind, int round) => kind switch
    {
        TimeoutKind.Propose => ProposeTimeout + (ProposeTimeoutDelta * round),
        TimeoutKind.Prevote => PrevoteTimeout + (PrevoteTimeoutDelta * round),
        TimeoutKind.Precommit => PrecommitTimeout + (PrecommitTimeoutDelta * round),
        _ => RebroadcastInterval,
    };
}
