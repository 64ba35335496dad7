using System.Collections.Immutable;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Choices the calibrator does not take from the data. The defaults produce
/// <see cref="LoadModelParameters.Default"/>; they are recorded in <see cref="CalibrationInfo.Options"/>.
/// </summary>
public sealed record LoadModelCalibratorOptions
{
    /// <summary>Number of archetypes (k of k-means).</summary>
    public int ArchetypeCount { get; init; } = 4;

    /// <summary>k-means restarts from different seeded k-means++ starts; the lowest within-cluster sum of squares wins.</summary>
    public int KMeansRestarts { get; init; } = 10;

    /// <summary>Seed of the k-means++ starts.</summary>
    public ulong KMeansSeed { get; init; } = 20181029;

    /// <summary>Number of level quantiles kept per archetype (equally spaced probabilities, ends included).</summary>
    public int LevelQuantiles { get; init; } = 21;

    /// <summary>Number of moving-average weights of the quarter-hour noise.</summary>
    public int NoiseTaps { get; init; } = 8;

    /// <summary>Synthetic households per archetype in the simulated-moments tuning of the noise.</summary>
    public int TuningHouseholds { get; init; } = 48;

    /// <summary>Number of moving-average weights (quarter-hours) of a household's habit pattern.</summary>
    public int HabitTaps { get; init; } = 6;

    /// <summary>Number of moving-average weights (days) of the weather anomaly.</summary>
    public int AnomalyTaps { get; init; } = 10;

    /// <summary>Hourly values a day needs for its temperature to count as measured.</summary>
    public int MinimumTemperatureHours { get; init; } = 12;

    /// <summary>
    /// A household whose 99th percentile quarter-hour energy is above this (kWh; 25 kWh is a
    /// sustained 100 kW) is not residential and is left out.
    /// </summary>
    public double NonResidentialQuarterHourKWh { get; init; } = 25;

    /// <summary>Daily mean temperature (°C) above which no heating is assumed (not identifiable from autumn data).</summary>
    public double HeatingLimitC { get; init; } = 15;

    /// <summary>Lower bound of the seasonal factor, so a steep extrapolated slope never reaches zero.</summary>
    public double MinimumSeasonalFactor { get; init; } = 0.2;

    /// <summary>Upper bound of the log-normal sigma of the quarter-hour noise.</summary>
    public double MaximumNoiseSigma { get; init; } = 2.0;

    /// <summary>Significant digits every fitted number is rounded to (readable JSON, stable comparisons).</summary>
    public int SignificantDigits { get; init; } = 6;

    /// <summary>Time zone of the data's local time.</summary>
    public string TimeZoneId { get; init; } = "Europe/Zurich";

    /// <summary>Where <see cref="MonthlyMeanC"/> comes from.</summary>
    public string ClimateSource { get; init; } =
        "Assumed, not fitted: approximately the MeteoSwiss 1981-2010 monthly normals of Zurich-Fluntern (not checked against the published table; replace them where the climate matters).";

    /// <summary>Climatological daily mean temperature (°C) of January ... December.</summary>
    public ImmutableArray<double> MonthlyMeanC { get; init; } = [0.3, 1.3, 5.3, 8.8, 13.3, 16.4, 18.6, 18.0, 14.1, 9.7, 4.6, 1.4];
}
