using System.Collections.Immutable;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>A voltage event on the feeders of the listed concentrators: every meter there measures the voltage scaled.</summary>
public sealed record PowerQualityEventSpec
{
    /// <summary><c>sag</c> (voltage below nominal) or <c>swell</c> (above).</summary>
    public required string Kind { get; init; }

    /// <summary>Concentrator ids whose feeders see the event.</summary>
    public ImmutableArray<string> Concentrators { get; init; } = [];

    /// <summary>Start, hours after the scenario's start.</summary>
    public required double FromHour { get; init; }

    /// <summary>Duration, hours.</summary>
    public required double Hours { get; init; }

    /// <summary>Voltage during the event, percent of what it would have been (e.g. 85 for a sag, 112 for a swell).</summary>
    public required double VoltagePercent { get; init; }
}
