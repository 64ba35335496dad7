using System.Collections.Immutable;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// Edge analytics of one household (grain key = meter id): a forecaster chosen per household by a
/// bandit from realised error, and the last day's energy and peak-to-average ratio.
/// </summary>
[Alias("smartgrid.analytics.IHouseholdAnalyticsGrain")]
public interface IHouseholdAnalyticsGrain : IGrainWithStringKey
{
    /// <summary>Takes the interval energies (Wh, oldest first) of the household's latest verified upload.</summary>
    [Alias("observe")]
    Task ObserveAsync(ImmutableArray<double> energiesWh);

    /// <summary>The household's analytics now.</summary>
    [Alias("report")]
    Task<HouseholdReport> GetReportAsync();
}
