namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// Edge analytics of one household (grain key = meter id): a forecaster chosen per household by a
/// bandit from realised error, and the last day's energy and peak-to-average ratio. The meter grain
/// itself answers for it: it feeds the analytics each block's interval energies as the block is
/// appended, so the edge analytics live with the device's chain and cost no activation of their own.
/// </summary>
[Alias("smartgrid.analytics.IHouseholdAnalyticsGrain")]
public interface IHouseholdAnalyticsGrain : IGrainWithStringKey
{
    /// <summary>The household's analytics now.</summary>
    [Alias("report")]
    Task<HouseholdReport> GetReportAsync();
}
