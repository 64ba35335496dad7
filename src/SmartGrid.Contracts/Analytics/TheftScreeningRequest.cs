using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// What to screen: the member meters of <see cref="Concentrators"/>, together (they are each other's
/// cohort: the detector compares a household with the others on the same date), over
/// <see cref="Days"/> whole days from <see cref="From"/>. Give a day's cohort in one request: the
/// same household scores differently against another cohort.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.theft-screening-request")]
public sealed record TheftScreeningRequest
{
    /// <summary>The concentrators whose meters are screened, in the order their meters are reported.</summary>
    [Id(0)]
    public required ImmutableArray<DeviceId> Concentrators { get; init; }

    /// <summary>Start of the first day (days are 24 hours from here; midnight UTC for calendar days).</summary>
    [Id(1)]
    public required DateTimeOffset From { get; init; }

    /// <summary>Days in the window (the detector needs each household's days as its history: at least 3).</summary>
    [Id(2)]
    public required int Days { get; init; }
}
