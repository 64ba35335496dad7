namespace SmartGrid.Analytics.Theft;

/// <summary>
/// The statistical tests of a household-day, each a one-sided robust z-score (or run length, or
/// balance share) read from its features with a fixed threshold. They are also features of the
/// classifier; here they make the explanation and the statistical strength of the combined score.
/// </summary>
public static class StatisticalEvidence
{
    /// <summary>Default threshold of the z-score tests (3.5 robust sigmas, as in Iglewicz and Hoaglin's modified z-score).</summary>
    public const double ZThreshold = 3.5;

    /// <summary>Every test for <paramref name="day"/> (fired or not), in a fixed order.</summary>
    /// <param name="day">The household-day's features.</param>
    /// <param name="intervalsPerDay">Readings per day, to express the 4-hour zero-run threshold.</param>
    public static IReadOnlyList<Evidence> Evaluate(HouseholdDayFeatures day, int intervalsPerDay)
    {
        ArgumentNullException.ThrowIfNull(day);
        var fourHours = Math.Max(1, intervalsPerDay / 6) / (double)Math.Max(1, intervalsPerDay);
        return
        [
            new("level_drop", -day[TheftFeature.LevelZ], ZThreshold, "day total far below the household's own typical day"),
            new("cohort_drop", -day[TheftFeature.CohortZ], ZThreshold, "day total far below its own typical day, beyond what the cohort did that day"),
            new("base_drop", -day[TheftFeature.BaseZ], ZThreshold, "standby base load far below the household's own"),
            new("cusum", day[TheftFeature.CusumZ], ZThreshold, "CUSUM of residuals against the typical profile shows a sustained shortfall"),
            new("profile_mismatch", -day[TheftFeature.ProfileCorrelationZ], ZThreshold, "shape no longer follows the household's typical profile"),
            new("distribution_shift", day[TheftFeature.DistributionShiftZ], ZThreshold, "readings distributed unlike the household's history (Kolmogorov-Smirnov)"),
            new("roughness", day[TheftFeature.RoughnessZ], ZThreshold, "interval-to-interval jumps far beyond the household's own"),
            new("flat_profile", -day[TheftFeature.VariationZ], ZThreshold, "variation far below the household's own (flattened profile)"),
            new("zero_run", day[TheftFeature.ZeroRunExcess], fourHours, "a run of zero readings at least 4 hours longer than usual"),
            new("energy_balance", day[TheftFeature.BalanceLossZ] >= ZThreshold ? day[TheftFeature.BalanceAttributed] : 0, 0.2,
                "feeder reading exceeds the sum of its meters; the shortfall points at this household"),
        ];
    }

    /// <summary>
    /// Statistical strength in [0, 1]: the largest statistic/threshold ratio among the tests other
    /// than the energy balance, capped at 3 and divided by 3.
    /// </summary>
    public static double Strength(IReadOnlyList<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var strongest = 0.0;
        foreach (var e in evidence)
        {
            if (e.Name != "energy_balance" && e.Threshold > 0)
            {
                strongest = Math.Max(strongest, Math.Min(3, e.Statistic / e.Threshold));
            }
        }

        return strongest / 3;
    }
}
