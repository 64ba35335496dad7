using System.Collections.Immutable;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// Fog-tier analytics of one concentrator's area (grain key = concentrator id): energy balance of
/// the feeder against its meters, voltage quality, reversed registers, silent meters and area
/// outages. Fed by the concentrator: the readings its meters' grains handed over with their heads
/// (verified and stored blocks) as they arrive, and each sealed interval; an anchored head whose
/// readings did not come that way is read back from the ledger store.
/// </summary>
[Alias("smartgrid.analytics.IAreaAnalyticsGrain")]
public interface IAreaAnalyticsGrain : IGrainWithStringKey
{
    /// <summary>Takes one sealed interval of the area; returns the findings of that interval (the concentrator records them in its next block).</summary>
    [Alias("observe-interval")]
    Task<ImmutableArray<AreaFinding>> ObserveIntervalAsync(AreaInterval interval);

    /// <summary>
    /// Takes meters' newly appended readings ahead of the interval's close. Samples that do not
    /// continue where the meter's last ones ended are ignored: the close reads those from the store.
    /// </summary>
    [Alias("observe-samples")]
    Task ObserveSamplesAsync(ImmutableArray<AreaSamples> samples);

    /// <summary>The area's balance and findings so far.</summary>
    [Alias("report")]
    Task<AreaReport> GetReportAsync();
}
