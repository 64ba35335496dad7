namespace SmartGrid.Simulation.Scenarios;

/// <summary>Rooftop PV on a share of the households: they export their surplus (register 2.8.0).</summary>
public sealed record PvSpec
{
    /// <summary>Share of households with PV, 0..1.</summary>
    public required double Fraction { get; init; }

    /// <summary>Smallest installation, kWp. Default 3.</summary>
    public double KwpMin { get; init; } = 3;

    /// <summary>Largest installation, kWp (sizes uniform between the two). Default 10.</summary>
    public double KwpMax { get; init; } = 10;
}
