using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// A group of meters that develop a fault (<c>meter_faults[i]</c> of a scenario): a seeded
/// <see cref="Fraction"/> of the fleet, the listed <see cref="Meters"/>, or both, whose meter
/// misbehaves from <see cref="FromHour"/> on. Each meter is in at most one fault group, and the
/// scenario's thieves are never drawn into one. <see cref="PlannedFault"/> is a faulty meter's ground truth.
/// </summary>
public sealed record MeterFaultSpec
{
    /// <summary>The import register stops: 0 Wh per interval.</summary>
    public const string Stuck = "stuck";

    /// <summary>The import register counts the same energy every interval (20..300 Wh a quarter-hour, drawn per meter).</summary>
    public const string Flat = "flat";

    /// <summary>The import register runs backwards by the energy the meter measures.</summary>
    public const string Reversed = "reversed";

    /// <summary>The meter's calibration drifts: it counts the truth times (1 + <see cref="PercentPerDay"/> % per day since the start).</summary>
    public const string Drift = "drift";

    /// <summary>A three-phase meter loses its neutral: L1 rises and L2 falls by <see cref="UnbalancePercent"/>, L3 stays.</summary>
    public const string NeutralLoss = "neutral_loss";

    /// <summary>The neutral-loss unbalance when <see cref="UnbalancePercent"/> is not given, percent.</summary>
    public const double DefaultUnbalancePercent = 20;

    /// <summary>Every kind, as scenario files spell them.</summary>
    public static readonly ImmutableArray<string> Kinds = [Stuck, Flat, Reversed, Drift, NeutralLoss];

    /// <summary>What goes wrong: <c>stuck</c>, <c>flat</c>, <c>reversed</c>, <c>drift</c> or <c>neutral_loss</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// Share of the meters drawn into the group, 0..1; null for none (then <see cref="Meters"/>
    /// names them). A <c>neutral_loss</c> share is of the three-phase meters.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Fraction { get; init; }

    /// <summary>Meters in the group besides the drawn ones, by id (<c>MTR-0000007</c>).</summary>
    public ImmutableArray<string> Meters { get; init; } = [];

    /// <summary>Start, hours after the scenario's start.</summary>
    public required double FromHour { get; init; }

    /// <summary>Duration, hours; null: until the end of the scenario.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Hours { get; init; }

    /// <summary>Drift only (and required there): the counting error's growth, percent per day; negative: the meter under-reads.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PercentPerDay { get; init; }

    /// <summary>Neutral loss only: how far L1 rises and L2 falls, percent of their voltage, 1..50; null: 20.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? UnbalancePercent { get; init; }
}
