namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Computes the features of every household-day from the reported readings of a set of households
/// (the cohort) and, optionally, their feeders. Every feature is relative to the household's own
/// history (its days here) or to the cohort on the same date, which is what separates a stolen day
/// from a household that simply uses little. Negative readings (meter artefacts) count as zero.
/// </summary>
public static class TheftFeatureExtractor
{
    /// <summary>Readings at or below this (in the input's unit) count as zero.</summary>
    public const double ZeroTolerance = 1e-6;

    /// <summary>Reference value k of the CUSUM, in robust sigmas per interval.</summary>
    public const double CusumAllowance = 0.5;

    private const double LogFloor = 0.02;

    /// <summary>Number of features (<see cref="TheftFeature"/> values).</summary>
    public static int FeatureCount { get; } = Enum.GetValues<TheftFeature>().Length;

    /// <summary>Feature names in order (snake case).</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = [.. Enum.GetValues<TheftFeature>().Select(SnakeCase)];

    /// <summary>Features of every day of every household, households in input order, days in date order.</summary>
    /// <param name="households">The households (at least 1; each with at least 3 days of the same length).</param>
    /// <param name="feeders">Feeders for the energy balance; empty when there are none.</param>
    /// <exception cref="AnalyticsInputException">Days of different lengths, too few days, non-finite readings, unknown feeder members.</exception>
    public static IReadOnlyList<HouseholdDayFeatures> Extract(IReadOnlyList<HouseholdDays> households, IReadOnlyList<FeederDays>? feeders = null)
    {
        ArgumentNullException.ThrowIfNull(households);
        if (households.Count == 0)
        {
            throw new AnalyticsInputException("no households", nameof(households));
        }

        var n = households[0].Readings.Count > 0 ? households[0].Readings[0].Length : 0;
        foreach (var household in households)
        {
            Validate(household, n);
        }

        var perHousehold = households.Select(h => new HouseholdStatistics(h)).ToArray();
        AddCohort(perHousehold);
        CohortFeatures.Apply(perHousehold);
        if (feeders is { Count: > 0 })
        {
            EnergyBalance.Apply(feeders, perHousehold);
        }

        var rows = new List<HouseholdDayFeatures>(perHousehold.Sum(h => h.Days));
        foreach (var statistics in perHousehold)
        {
            for (var d = 0; d < statistics.Days; d++)
            {
                rows.Add(new HouseholdDayFeatures(statistics.Household.Id, statistics.Household.Dates[d], statistics.Row(d)));
            }
        }

        return rows;
    }

    private static void Validate(HouseholdDays household, int n)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (household.Readings.Count < 3 || household.Dates.Count != household.Readings.Count)
        {
            throw new AnalyticsInputException($"household {household.Id}: at least 3 days, with one date per day, are needed", nameof(household));
        }

        if (n < 2)
        {
            throw new AnalyticsInputException("a day must hold at least 2 readings", nameof(household));
        }

        foreach (var day in household.Readings)
        {
            if (day.Length != n)
            {
                throw new AnalyticsInputException($"household {household.Id}: a day of {day.Length} readings among days of {n}", nameof(household));
            }

            if (day.Any(v => !double.IsFinite(v)))
            {
                throw new AnalyticsInputException($"household {household.Id}: readings must be finite", nameof(household));
            }
        }
    }

    private static void AddCohort(HouseholdStatistics[] households)
    {
        var byDate = new Dictionary<DateOnly, List<double>>();
        foreach (var h in households)
        {
            for (var d = 0; d < h.Days; d++)
            {
                var date = h.Household.Dates[d];
                if (!byDate.TryGetValue(date, out var list))
                {
                    byDate[date] = list = [];
                }

                list.Add(h.Feature(d, TheftFeature.LevelLog));
            }
        }

        var medians = byDate.ToDictionary(p => p.Key, p => RobustStatistics.Median(p.Value.ToArray()));
        foreach (var h in households)
        {
            var cohort = new double[h.Days];
            for (var d = 0; d < h.Days; d++)
            {
                cohort[d] = h.Feature(d, TheftFeature.LevelLog) - medians[h.Household.Dates[d]];
            }

            h.Set(TheftFeature.CohortLevel, cohort);
            h.Set(TheftFeature.CohortZ, RobustStatistics.RobustZ(cohort, LogFloor));
        }
    }

    private static string SnakeCase(TheftFeature feature)
    {
        var name = feature.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
