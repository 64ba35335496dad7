using System.Collections.Immutable;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>The households: the share of each archetype of the calibrated load model (<c>A1</c>..<c>A4</c>, see docs/LOAD_MODEL.md), rooftop PV, electric heating and three-phase meters.</summary>
public sealed record HouseholdMix
{
    /// <summary>Weight of each archetype by name; weights are normalised, absent archetypes get none.</summary>
    public ImmutableSortedDictionary<string, double> Mix { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Rooftop PV, or null for none.</summary>
    public PvSpec? Pv { get; init; }

    /// <summary>Electric heating, or null for none.</summary>
    public ElectricHeatingSpec? ElectricHeating { get; init; }

    /// <summary>Share of the households, 0..1, whose meter is three-phase (records the voltages of L1, L2 and L3). Default 0.</summary>
    public double ThreePhase { get; init; }
}
