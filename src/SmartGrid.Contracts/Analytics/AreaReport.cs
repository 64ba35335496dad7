using System.Collections.Immutable;

namespace SmartGrid.Contracts.Analytics;

/// <summary>A concentrator area's analytics so far: the energy balance and the findings.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.area-report")]
public sealed record AreaReport
{
    /// <summary>Intervals observed since the grain activated.</summary>
    [Id(0)]
    public required long Intervals { get; init; }

    /// <summary>Feeder energy observed, Wh.</summary>
    [Id(1)]
    public required double FeederWh { get; init; }

    /// <summary>Energy the area's meters recorded, Wh.</summary>
    [Id(2)]
    public required double MeteredWh { get; init; }

    /// <summary>Unmetered share of the feeder's energy, when there was feeder energy.</summary>
    [Id(3)]
    public double? LossFraction { get; init; }

    /// <summary>Findings ever given, by kind.</summary>
    [Id(4)]
    public ImmutableSortedDictionary<string, long> Counts { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    /// <summary>The latest findings, oldest first.</summary>
    [Id(5)]
    public ImmutableArray<AreaFinding> Findings { get; init; } = [];

    /// <summary>
    /// Anchored meter heads whose readings the analytics had to read back from the ledger store
    /// because they did not come with the head (after a reactivation, say); normally zero.
    /// </summary>
    [Id(6)]
    public long HeadsReadBack { get; init; }
}
