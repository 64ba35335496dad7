namespace SmartGrid.Simulation.Scenarios;

/// <summary>Electric heating on a share of the households: extra load per °C the day is colder than the base temperature.</summary>
public sealed record ElectricHeatingSpec
{
    /// <summary>Share of households heating electrically, 0..1.</summary>
    public required double Fraction { get; init; }

    /// <summary>Heating power per °C below the base, kW (a heat pump of a house: about 0.1-0.3). Default 0.2.</summary>
    public double KwPerDegree { get; init; } = 0.2;

    /// <summary>Daily mean temperature below which the house is heated, °C. Default 15.</summary>
    public double BaseTemperatureC { get; init; } = 15;
}
