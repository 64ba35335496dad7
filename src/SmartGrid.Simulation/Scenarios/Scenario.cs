using System.Collections.Immutable;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// A benchmark scenario (<c>benchmarks/scenarios/*.json</c>, documented in
/// <c>docs/SCENARIOS.md</c>): the fleet, its households, the period, and what goes wrong in it
/// (thieves, communication outages, power-quality events, meter faults). The same scenario and seed give the
/// same readings, attacks and verdicts.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name, used in result folders and reports.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario is for (free text).</summary>
    public string Description { get; init; } = "";

    /// <summary>Seed of every key, household, attack and noise stream.</summary>
    public required ulong Seed { get; init; }

    /// <summary>When the first readings start; must be midnight UTC, so simulated days are whole UTC days.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Simulated days.</summary>
    public required int Days { get; init; }

    /// <summary>Length of one reading, minutes (must divide a day). Default 15.</summary>
    public int ReadingIntervalMinutes { get; init; } = 15;

    /// <summary>Signed uploads per meter per day (each carries the readings since the last). Default 4.</summary>
    public int UploadsPerDay { get; init; } = 4;

    /// <summary>The grid's hierarchy.</summary>
    public required ScenarioTopology Topology { get; init; }

    /// <summary>The households behind the meters (archetype mix); null: the calibrated model's own mix.</summary>
    public HouseholdMix? Households { get; init; }

    /// <summary>Households that steal energy by tampering with their meter.</summary>
    public ImmutableArray<AttackerSpec> Attackers { get; init; } = [];

    /// <summary>Communication outages between concentrators and their meters.</summary>
    public ImmutableArray<OutageSpec> Outages { get; init; } = [];

    /// <summary>Voltage events (sags, swells) on concentrators' feeders.</summary>
    public ImmutableArray<PowerQualityEventSpec> PowerQuality { get; init; } = [];

    /// <summary>Meters that develop a fault (stuck, flat or reversed register, drift, lost neutral).</summary>
    public ImmutableArray<MeterFaultSpec> MeterFaults { get; init; } = [];

    /// <summary>Which analytics the silo runs.</summary>
    public AnalyticsSpec Analytics { get; init; } = new();

    /// <summary>How the utility screens the verified readings for theft after the run.</summary>
    public TheftScreeningSpec TheftScreening { get; init; } = new();

    /// <summary>
    /// Whether each substation's chain is committed by its concentrators as PoEf validators, and
    /// the utility's by the substations (docs/POEF.md §12.4), instead of each node sealing alone.
    /// Default false.
    /// </summary>
    public bool Consensus { get; init; }

    /// <summary>Simulated end: <see cref="Start"/> plus <see cref="Days"/>.</summary>
    public DateTimeOffset End => Start.AddDays(Days);

    /// <summary>Length of one reading.</summary>
    public TimeSpan Interval => TimeSpan.FromMinutes(ReadingIntervalMinutes);

    /// <summary>Readings per meter per day.</summary>
    public int IntervalsPerDay => ReadingIntervalMinutes > 0 ? (int)(TimeSpan.TicksPerDay / Interval.Ticks) : 0;
}
