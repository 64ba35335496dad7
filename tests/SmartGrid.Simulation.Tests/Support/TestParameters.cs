using System.Collections.Immutable;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>A small hand-made parameter set, independent of the calibration, for pinned values.</summary>
public static class TestParameters
{
    public static LoadModelParameters TwoArchetypes { get; } = new()
    {
        ReferenceTemperatureC = 5,
        HeatingLimitC = 15,
        MinimumSeasonalFactor = 0.2,
        ReferenceDailyEnergyKWh = 10,
        NoiseLevelExponent = -0.4,
        NoiseScatter = 0.5,
        DayLevelExponent = -0.5,
        HabitLevelExponent = 0,
        HabitScatter = 0.3,
        Archetypes =
        [
            Archetype("day", 0.75, 0.02, hour => hour is >= 7 and < 22 ? 1.4 : 0.3),
            Archetype("night", 0.25, 0.08, hour => hour is >= 22 or < 6 ? 2.2 : 0.4),
        ],
        Climate = new ClimateParameters
        {
            MonthlyMeanC = [0, 1, 5, 9, 13, 16, 19, 18, 14, 10, 5, 1],
            AnomalySdC = 3,
            AnomalyPersistence = 0.8,
            AnomalyTaps = 5,
        },
    };

    /// <summary>
    /// One archetype, constant level 9.6 kWh/day and practically no randomness (sigmas about 1e-9),
    /// so energy follows <paramref name="profile"/> exactly: for checking the clock.
    /// </summary>
    public static LoadModelParameters Deterministic(double[] profile, string timeZoneId = "Europe/Zurich") => TwoArchetypes with
    {
        TimeZoneId = timeZoneId,
        NoiseScatter = 0,
        HabitScatter = 0,
        Archetypes =
        [
            TwoArchetypes.Archetypes[0] with
            {
                Share = 1,
                DailyEnergyQuantilesKWh = [9.6, 9.6],
                WeekdayProfile = [.. profile],
                SaturdayProfile = [.. profile],
                SundayProfile = [.. profile],
                TemperatureSlopePerC = 0,
                NoiseLogVariance = -40,
                DayLogVariance = -40,
                HabitLogVariance = -40,
            },
        ],
    };

    private static ArchetypeParameters Archetype(string name, double share, double slope, Func<int, double> hourly)
    {
        var raw = Enumerable.Range(0, 96).Select(s => hourly(s / 4)).ToArray();
        var mean = raw.Average();
        ImmutableArray<double> profile = [.. raw.Select(v => v / mean)];
        return new ArchetypeParameters
        {
            Name = name,
            Share = share,
            DailyEnergyQuantilesKWh = [2, 6, 10, 15, 40],
            WeekdayProfile = profile,
            SaturdayProfile = profile,
            SundayProfile = profile,
            TemperatureSlopePerC = slope,
            NoiseLogVariance = -1,
            DayLogVariance = -3,
            NoisePersistence = 0.5,
            NoiseTaps = 4,
            HabitLogVariance = -2,
            HabitPersistence = 0.8,
            HabitTaps = 4,
        };
    }
}
