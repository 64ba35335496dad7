namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// The constants of the efficiency score and the proposer lottery (docs/POEF.md §4-5). Every
/// validator of a set must use the same values: they are part of the protocol, not a local tuning.
/// </summary>
public sealed record EfficiencyParameters
{
    /// <summary>1.0 in the fixed-point unit of scores: parts per million.</summary>
    public const long Scale = 1_000_000;

    /// <summary>The protocol's values.</summary>
    public static EfficiencyParameters Default { get; } = new();

    /// <summary>Window of the moving averages, in heights: each committed height moves an average 1/W of the way to the new value.</summary>
    public int WindowHeights { get; init; } = 32;

    /// <summary>Weight of forecast accuracy in the measured part of the score.</summary>
    public int ForecastWeight { get; init; } = 40;

    /// <summary>Weight of energy balance (low losses).</summary>
    public int BalanceWeight { get; init; } = 30;

    /// <summary>Weight of data completeness.</summary>
    public int CompletenessWeight { get; init; } = 30;

    /// <summary>Score lost per unit of forecast error: 2 means a MAPE of 50 % scores 0.</summary>
    public int ForecastSlope { get; init; } = 2;

    /// <summary>Score lost per unit of losses: 5 means 20 % losses score 0.</summary>
    public int LossSlope { get; init; } = 5;

    /// <summary>Penalty points (in <see cref="Scale"/> units) of one committed equivocation.</summary>
    public long EquivocationPoints { get; init; } = 16 * Scale;

    /// <summary>Penalty points of one committed provably invalid proposal (a false efficiency claim among them).</summary>
    public long InvalidProposalPoints { get; init; } = 8 * Scale;

    /// <summary>Lottery weight every validator keeps whatever its score (ppm), so none has zero chance.</summary>
    public long FloorWeight { get; init; } = 50_000;

    /// <summary>Heights for which tables and committed evidence are remembered; older evidence is refused.</summary>
    public int EvidenceHorizon { get; init; } = 64;

    /// <summary>Milli-credits a block of the fog tier hands out to its areas' most efficient households (§8).</summary>
    public ulong RewardBudget { get; init; } = 1_000_000;

    /// <summary>How many households share a block's reward budget at most (§8).</summary>
    public int RewardedHouseholds { get; init; } = 16;

    /// <summary>Why the parameters cannot be used, or null when they can.</summary>
    public string? Defect() =>
        WindowHeights < 1 ? "the window must be at least one height"
        : ForecastWeight < 0 || BalanceWeight < 0 || CompletenessWeight < 0 || ForecastWeight + BalanceWeight + CompletenessWeight == 0 ? "weights must be non-negative and not all zero"
        : ForecastSlope < 0 || LossSlope < 0 ? "slopes must be non-negative"
        : EquivocationPoints < 0 || InvalidProposalPoints < 0 ? "penalty points must be non-negative"
        : FloorWeight < 1 || FloorWeight > Scale ? $"the floor weight must be in 1..{Scale}"
        : EvidenceHorizon < 1 ? "the evidence horizon must be at least one height"
        : RewardedHouseholds < 0 || RewardedHouseholds > Messages.ConsensusBlock.MaxRewards ? $"the rewarded households must be in 0..{Messages.ConsensusBlock.MaxRewards}"
        : null;
}
