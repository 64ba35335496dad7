using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Analytics;

/// <summary>What a concentrator hands its area analytics after sealing an interval's block.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.area-interval")]
public sealed record AreaInterval
{
    /// <summary>When the interval was sealed.</summary>
    [Id(0)]
    public required DateTimeOffset End { get; init; }

    /// <summary>Every meter of the area (the concentrator's children).</summary>
    [Id(1)]
    public required ImmutableArray<DeviceId> Members { get; init; }

    /// <summary>The meter heads the block anchored.</summary>
    [Id(2)]
    public required ImmutableArray<Anchor> Anchors { get; init; }

    /// <summary>The feeder readings the block carried.</summary>
    [Id(3)]
    public required ImmutableArray<FeederReading> Feeder { get; init; }

    /// <summary>
    /// Readings the meter grains handed over with their heads and the concentrator has not passed
    /// on yet (taken before the anchors; an anchor they do not cover is read from the store).
    /// </summary>
    [Id(4)]
    public ImmutableArray<AreaSamples> Samples { get; init; } = [];
}
