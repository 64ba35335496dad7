namespace SmartGrid.Simulation.Fleet;

/// <summary>A concentrator of a <see cref="TopologySpec"/> and how many meters it serves.</summary>
public sealed record ConcentratorSpec
{
    /// <summary>The concentrator's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Meters it serves.</summary>
    public int Meters { get; init; }
}
