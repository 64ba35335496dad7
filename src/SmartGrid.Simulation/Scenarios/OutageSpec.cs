using System.Collections.Immutable;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>A communication outage: the meters of the listed concentrators cannot upload for a while, and store and forward.</summary>
public sealed record OutageSpec
{
    /// <summary>Concentrator ids (e.g. <c>DC-00002</c>) whose meters are cut off.</summary>
    public ImmutableArray<string> Concentrators { get; init; } = [];

    /// <summary>Start, hours after the scenario's start.</summary>
    public required double FromHour { get; init; }

    /// <summary>Duration, hours.</summary>
    public required double Hours { get; init; }
}
