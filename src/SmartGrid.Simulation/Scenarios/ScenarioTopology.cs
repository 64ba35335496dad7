namespace SmartGrid.Simulation.Scenarios;

/// <summary>A regular hierarchy: every substation has the same number of concentrators, every concentrator the same number of meters.</summary>
public sealed record ScenarioTopology
{
    /// <summary>Substations under the utility.</summary>
    public required int Substations { get; init; }

    /// <summary>Data concentrators per substation.</summary>
    public required int ConcentratorsPerSubstation { get; init; }

    /// <summary>Meters per data concentrator.</summary>
    public required int MetersPerConcentrator { get; init; }

    /// <summary>Smart appliances behind each meter. Default 0.</summary>
    public int AppliancesPerHousehold { get; init; }

    /// <summary>Concentrators in the grid.</summary>
    public long Concentrators => (long)Substations * ConcentratorsPerSubstation;

    /// <summary>Meters in the grid.</summary>
    public long Meters => Concentrators * MetersPerConcentrator;
}
