using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Analytics;

/// <summary>
/// What the area analytics needs of a meter's newly appended blocks, taken by the meter grain
/// after it verified and stored them (so never a device's say-so): each reading's end, its active
/// energy import register (1.8.0) and its mean voltage (32.7.0), and, where the meter records them,
/// its export register (2.8.0) and the voltages of phases 2 and 3 (52.7.0, 72.7.0). It rides on the
/// head notice to the concentrator, which hands it on, so the fog analytics never reads the blocks
/// back from the store. Parallel arrays keep it compact (24 bytes a reading, 48 for a three-phase
/// meter with an export register).
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

    /// <summary>The export register at each reading's end, Wh (rounded); empty unless every reading covered carries one.</summary>
    [Id(6)]
    public ImmutableArray<long> ExportWh { get; init; } = [];

    /// <summary>Each reading's mean voltage of phase 2, V (NaN where not reported); empty for a single-phase meter.</summary>
    [Id(7)]
    public ImmutableArray<double> VoltageL2 { get; init; } = [];

    /// <summary>Each reading's mean voltage of phase 3, V (NaN where not reported); empty for a single-phase meter.</summary>
    [Id(8)]
    public ImmutableArray<double> VoltageL3 { get; init; } = [];

    /// <summary>Readings covered.</summary>
    public int Count => EndTicks.IsDefault ? 0 : EndTicks.Length;

    /// <summary>
    /// True when the arrays line up (the optional ones empty or as long as the others) and the
    /// sequence range is in order: the analytics takes nothing else (and falls back to the store
    /// for that meter).
    /// </summary>
    public bool IsWellFormed =>
        !Meter.IsEmpty && FromSequence <= ThroughSequence && !EndTicks.IsDefault && !ImportWh.IsDefault && !Voltage.IsDefault
        && ImportWh.Length == EndTicks.Length && Voltage.Length == EndTicks.Length
        && Optional(ExportWh.IsDefault ? 0 : ExportWh.Length) && Optional(VoltageL2.IsDefault ? 0 : VoltageL2.Length)
        && Optional(VoltageL3.IsDefault ? 0 : VoltageL3.Length);

    private bool Optional(int length) => length == 0 || length == EndTicks.Length;
}
