using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Analytics;

/// <summary>The screening's verdict on one household-day.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.theft-day-verdict")]
public sealed record TheftDayVerdict
{
    /// <summary>The meter.</summary>
    [Id(0)]
    public required DeviceId Meter { get; init; }

    /// <summary>Start of the day judged (its end is the time of a <c>TheftSuspected</c> event).</summary>
    [Id(1)]
    public required DateTimeOffset DayStart { get; init; }

    /// <summary>The combined score, 0..1.</summary>
    [Id(2)]
    public required double Score { get; init; }

    /// <summary>Whether the score reached the detector's threshold.</summary>
    [Id(3)]
    public required bool Alarm { get; init; }

    /// <summary>The evidence that fired (<c>level_drop</c>, <c>energy_balance</c>, <c>classifier</c>, ...): the explanation.</summary>
    [Id(4)]
    public ImmutableArray<string> Fired { get; init; } = [];
}
