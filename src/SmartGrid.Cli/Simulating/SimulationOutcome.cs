using System.Collections.Immutable;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Cli.Simulating;

/// <summary>Everything a scenario run produced, as the result writer needs it.</summary>
public sealed record SimulationOutcome
{
    /// <summary>The plan that ran.</summary>
    public required ScenarioPlan Plan { get; init; }

    /// <summary>The fleet after the run (registers, ground truth).</summary>
    public required VirtualFleet Fleet { get; init; }

    /// <summary>The runner's report.</summary>
    public required FleetRunReport Report { get; init; }

    /// <summary>The theft screening, or null when it did not run.</summary>
    public TheftScreeningResult? Theft { get; init; }

    /// <summary>Why the theft screening did not run, when it did not.</summary>
    public string? TheftSkipped { get; init; }

    /// <summary>The fault verdicts recorded on the concentrator chains against the injected faults, per kind.</summary>
    public ImmutableArray<FaultKindFigures> Faults { get; init; } = [];

    /// <summary>The fault verdict kinds recorded about each meter that got any (meter id to kinds, ordinal order).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FaultVerdicts { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Load curves of a few sample households (honest and thieves), read back from their chains.</summary>
    public IReadOnlyList<LoadCurve> SampleCurves { get; init; } = [];

    /// <summary>The PoEf record of the run's anchor chains (observations, scores, rewards); null when the scenario runs without consensus.</summary>
    public Consensus.Efficiency.CommittedEfficiency? Efficiency { get; init; }

    /// <summary>The timeline, one sample per upload slot.</summary>
    public required IReadOnlyList<TimelineSample> Timeline { get; init; }

    /// <summary>Wall time spent creating the virtual devices (their keys) before provisioning, seconds.</summary>
    public double DevicesSeconds { get; init; }

    /// <summary>Seconds spent provisioning the fleet.</summary>
    public required double ProvisionSeconds { get; init; }

    /// <summary>Seconds spent screening for theft.</summary>
    public double ScreeningSeconds { get; init; }

    /// <summary>Peak resident memory of the process, bytes.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Where it ran.</summary>
    public required RunEnvironment Environment { get; init; }

    /// <summary>When the run started (UTC, wall clock).</summary>
    public required DateTimeOffset StartedUtc { get; init; }
}
