using System.Collections.Immutable;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// The temperature the model assumes when no observed series is given: a climatological daily
/// mean (monthly normals, linearly interpolated between mid-months) plus a fleet-wide, seeded
/// weather anomaly that persists over a few days.
/// </summary>
public sealed record ClimateParameters
{
    /// <summary>Where the monthly normals come from.</summary>
    public string Source { get; init; } = "";

    /// <summary>Mean daily temperature (°C) of January ... December.</summary>
    public ImmutableArray<double> MonthlyMeanC { get; init; } = [];

    /// <summary>Standard deviation (°C) of the daily anomaly around the normal.</summary>
    public double AnomalySdC { get; init; }

    /// <summary>Decay per day of the moving-average weights of the anomaly.</summary>
    public double AnomalyPersistence { get; init; }

    /// <summary>Number of days the anomaly averages over (1 = independent days).</summary>
    public int AnomalyTaps { get; init; } = 1;
}
