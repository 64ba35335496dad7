using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Tiers;

/// <summary>One theft alarm of the utility's screening: a meter's household-day scored at or above the alarm threshold.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.tiers.theft-suspicion")]
public sealed record TheftSuspicion
{
    /// <summary>The meter.</summary>
    [Id(0)]
    public required DeviceId Meter { get; init; }

    /// <summary>End of the household-day judged.</summary>
    [Id(1)]
    public required DateTimeOffset DayEnd { get; init; }

    /// <summary>The detector's score, 0..1.</summary>
    [Id(2)]
    public required double Score { get; init; }
}
