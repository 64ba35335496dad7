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

    /// <summary>
    /// Theft alarms of the utility's screening about this concentrator's meters, signed into the next
    /// block as <see cref="ChainEventKind.TheftSuspected"/> events. Returns how many were taken:
    /// a suspicion about a meter that is not a child, or with a score outside 0..1, is refused, and
    /// one about a meter and day already waiting for the next block is not taken again.
    /// </summary>
    [Alias("record-theft-suspicions")]
    Task<int> RecordTheftSuspicionsAsync(System.Collections.Immutable.ImmutableArray<TheftSuspicion> suspicions);
}
