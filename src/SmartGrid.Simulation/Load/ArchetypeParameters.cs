using System.Collections.Immutable;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// One household archetype: a cluster of real households with a similar daily shape (found by
/// k-means on their normalised hourly profiles), with its own level distribution, profiles,
/// temperature sensitivity and noise. See docs/LOAD_MODEL.md for the formulas.
/// </summary>
public sealed record ArchetypeParameters
{
    /// <summary>Short name (A1, A2, ... by decreasing share).</summary>
    public string Name { get; init; } = "";

    /// <summary>Share of households of this archetype (shares sum to 1).</summary>
    public double Share { get; init; }

    /// <summary>Number of real households the archetype was fitted on.</summary>
    public int Households { get; init; }

    /// <summary>Share of the weekday energy used from 22:00 to 06:00 local time (descriptive).</summary>
    public double NightShare { get; init; }

    /// <summary>Surveyed heating types of its households (descriptive; unsurveyed ones are not counted).</summary>
    public ImmutableSortedDictionary<string, int> SurveyedHeatingTypes { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>
    /// Quantiles of the mean daily energy (kWh/day at the reference temperature) at equally
    /// spaced probabilities 0, 1/(n−1), ..., 1. A household's level is drawn by interpolating
    /// these in log space at a uniform probability.
    /// </summary>
    public ImmutableArray<double> DailyEnergyQuantilesKWh { get; init; } = [];

    /// <summary>
    /// Mean energy of each quarter-hour of a Monday-to-Friday (96 values, 00:00 first, local time)
    /// relative to the household level: energy = level / 96 × profile. The three profiles average 1
    /// over a week (weights 5, 1, 1).
    /// </summary>
    public ImmutableArray<double> WeekdayProfile { get; init; } = [];

    /// <summary>Profile of a Saturday, like <see cref="WeekdayProfile"/>.</summary>
    public ImmutableArray<double> SaturdayProfile { get; init; } = [];

    /// <summary>Profile of a Sunday, like <see cref="WeekdayProfile"/>.</summary>
    public ImmutableArray<double> SundayProfile { get; init; } = [];

    /// <summary>Relative change of daily energy per °C colder than the reference temperature (1/°C).</summary>
    public double TemperatureSlopePerC { get; init; }

    /// <summary>ln of the variance of the quarter-hour noise factor of a household at the reference level.</summary>
    public double NoiseLogVariance { get; init; }

    /// <summary>ln of the variance of the day factor of a household at the reference level.</summary>
    public double DayLogVariance { get; init; }

    /// <summary>Decay per quarter-hour of the moving-average weights of the noise (0 = white noise).</summary>
    public double NoisePersistence { get; init; }

    /// <summary>Number of moving-average weights of the noise (1 = white noise).</summary>
    public int NoiseTaps { get; init; } = 1;

    /// <summary>ln of the variance of a household's habit factor (its own, persistent share of each quarter-hour) at the reference level.</summary>
    public double HabitLogVariance { get; init; }

    /// <summary>Decay per quarter-hour of the moving-average weights of the habit pattern.</summary>
    public double HabitPersistence { get; init; }

    /// <summary>Number of moving-average weights of the habit pattern (1 = independent quarter-hours).</summary>
    public int HabitTaps { get; init; } = 1;

    /// <summary>The profile of a day type.</summary>
    public ImmutableArray<double> Profile(DayType dayType) => dayType switch
    {
        DayType.Weekday => WeekdayProfile,
        DayType.Saturday => SaturdayProfile,
        DayType.Sunday => SundayProfile,
        _ => throw new ArgumentOutOfRangeException(nameof(dayType), dayType, "Unknown day type."),
    };
}
