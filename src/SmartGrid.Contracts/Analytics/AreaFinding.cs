namespace SmartGrid.Contracts.Analytics;

/// <summary>One verdict of an area's analytics, as the SDK sees it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.area-finding")]
public sealed record AreaFinding
{
    /// <summary>What was found: EnergyImbalance, VoltageOutOfRange, RegisterReversed, MeterSilent or AreaOutage.</summary>
    [Id(0)]
    public required string Kind { get; init; }

    /// <summary>The meter concerned, or the concentrator for area-wide findings.</summary>
    [Id(1)]
    public required string Subject { get; init; }

    /// <summary>When.</summary>
    [Id(2)]
    public required DateTimeOffset Time { get; init; }

    /// <summary>The measured quantity (loss fraction, volts, Wh, share of silent meters).</summary>
    [Id(3)]
    public required double Value { get; init; }

    /// <summary>The rule that fired and its numbers.</summary>
    [Id(4)]
    public required string Evidence { get; init; }
}
