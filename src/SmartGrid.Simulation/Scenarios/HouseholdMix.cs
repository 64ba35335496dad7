using System.Collections.Immutable;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>The share of each household archetype of the calibrated load model (<c>A1</c>..<c>A4</c>, see docs/LOAD_MODEL.md).</summary>
public sealed record HouseholdMix
{
    /// <summary>Weight of each archetype by name; weights are normalised, absent archetypes get none.</summary>
    public ImmutableSortedDictionary<string, double> Mix { get; init; } = ImmutableSortedDictionary<string, double>.Empty;
}
