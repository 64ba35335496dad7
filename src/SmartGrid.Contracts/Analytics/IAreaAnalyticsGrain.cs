using System.Collections.Immutable;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// Fog-tier analytics of one concentrator's area (grain key = concentrator id): energy balance of
/// the feeder against its meters, voltage quality, reversed registers, silent meters and area
/// outages. Fed by the concentrator after each sealed interval; readings are read from the ledger,
/// so the ingest path carries no analytics.
/// </summary>
[Alias("smartgrid.analytics.IAreaAnalyticsGrain")]
public interface IAreaAnalyticsGrain : IGrainWithStringKey
{
    /// <summary>Takes one sealed interval of the area; returns the findings of that interval (the concentrator records them in its next block).</summary>
    [Alias("observe-interval")]
    Task<ImmutableArray<AreaFinding>> ObserveIntervalAsync(AreaInterval interval);

    /// <summary>The area's balance and findings so far.</summary>
    [Alias("report")]
    Task<AreaReport> GetReportAsync();
}
