using System.Collections.Immutable;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// The statistics on which synthetic households are compared with real ones
/// (computed by <see cref="LoadProfileStatistics.Summarise"/>).
/// </summary>
public sealed record LoadProfileSummary
{
    /// <summary>Households summarised.</summary>
    public int Households { get; init; }

    /// <summary>Days per household.</summary>
    public int Days { get; init; }

    /// <summary>Distribution across households of their mean daily energy (kWh/day).</summary>
    public DistributionSummary DailyEnergyKWh { get; init; } = new(0, 0, 0, 0);

    /// <summary>Mean over household-days with energy of (largest quarter-hour / mean quarter-hour).</summary>
    public double MeanDailyPeakToAverage { get; init; }

    /// <summary>
    /// Mean over households of their weekday hour-of-day profile (24 values, each household's
    /// profile normalised to mean 1 before averaging, so every household counts the same).
    /// </summary>
    public ImmutableArray<double> WeekdayHourlyProfile { get; init; } = [];

    /// <summary>As <see cref="WeekdayHourlyProfile"/>, for Saturdays and Sundays.</summary>
    public ImmutableArray<double> WeekendHourlyProfile { get; init; } = [];

    /// <summary>Fleet energy per weekday divided by fleet energy per weekend day.</summary>
    public double WeekdayWeekendRatio { get; init; }

    /// <summary>Mean over households of the lag-1 autocorrelation of their quarter-hour series.</summary>
    public double MeanLag1Autocorrelation { get; init; }

    /// <summary>Mean over households of the lag-4 (one hour) autocorrelation of their quarter-hour series.</summary>
    public double MeanLag4Autocorrelation { get; init; }

    /// <summary>Mean over households of the lag-96 (one day) autocorrelation of their quarter-hour series.</summary>
    public double MeanLag96Autocorrelation { get; init; }

    /// <summary>Mean over days of the peak-to-average ratio of the summed load of all households.</summary>
    public double AggregateDailyPeakToAverage { get; init; }
}
