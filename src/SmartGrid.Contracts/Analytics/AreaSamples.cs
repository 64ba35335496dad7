using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// What the area analytics needs of a meter's newly appended blocks, taken by the meter grain
/// after it verified and stored them (so never a device's say-so): each reading's end, its active
/// energy import register (1.8.0) and its mean voltage (32.7.0). It rides on the head notice to
/// the concentrator, which hands it on, so the fog analytics never reads the blocks back from the
/// store. Parallel arrays keep it compact (24 bytes a reading).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.area-samples")]
public sealed record AreaSamples
{
    /// <summary>The meter.</summary>
    [Id(0)]
    public required DeviceId Meter { get; init; }

    /// <summary>Chain height of the first block covered.</summary>
    [Id(1)]
    public required ulong FromSequence { get; init; }

    /// <summary>Chain height of the last block covered (the head the notice anchors).</summary>
    [Id(2)]
    public required ulong ThroughSequence { get; init; }

    /// <summary>End of each reading, UTC ticks, in chain order.</summary>
    [Id(3)]
    public required ImmutableArray<long> EndTicks { get; init; }

    /// <summary>The import register at each reading's end, Wh (rounded).</summary>
    [Id(4)]
    public required ImmutableArray<long> ImportWh { get; init; }

    /// <summary>Each reading's mean voltage, V; NaN where the meter does not report one.</summary>
    [Id(5)]
    public required ImmutableArray<double> Voltage { get; init; }

    /// <summary>Readings covered.</summary>
    public int Count => EndTicks.IsDefault ? 0 : EndTicks.Length;

    /// <summary>
    /// True when the three arrays line up and the sequence range is in order: the analytics takes
    /// nothing else (and falls back to the store for that meter).
    /// </summary>
    public bool IsWellFormed =>
        !Meter.IsEmpty && FromSequence <= ThroughSequence && !EndTicks.IsDefault && !ImportWh.IsDefault && !Voltage.IsDefault
        && ImportWh.Length == EndTicks.Length && Voltage.Length == EndTicks.Length;
}
