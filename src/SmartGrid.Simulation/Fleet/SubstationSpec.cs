using System.Collections.Immutable;

namespace SmartGrid.Simulation.Fleet;

/// <summary>A substation of a <see cref="TopologySpec"/> and its concentrators.</summary>
public sealed record SubstationSpec
{
    /// <summary>The substation's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Its concentrators, in order.</summary>
    public ImmutableArray<ConcentratorSpec> Concentrators { get; init; } = [];
}
