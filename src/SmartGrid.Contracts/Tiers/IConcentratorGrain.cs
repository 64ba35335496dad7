using Orleans.Concurrency;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Tiers;

/// <summary>A data concentrator (edge-fog tier): anchors its meters' heads and records its feeder meter.</summary>
[Alias("smartgrid.tiers.IConcentratorGrain")]
public interface IConcentratorGrain : IAnchorNodeGrain
{
    /// <summary>A meter's new head (pushed by the meter grain; nothing polls meters).</summary>
    [OneWay]
    [Alias("offer-meter-head")]
    Task OfferMeterHeadAsync(MeterHeadNotice notice);

    /// <summary>The feeder meter's reading for an interval, carried in the next block.</summary>
    [Alias("report-feeder")]
    Task ReportFeederAsync(FeederReading reading);
}
