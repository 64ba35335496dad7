namespace SmartGrid.Analytics.Efficiency;

/// <summary>Households ordered from most to least efficient: by <see cref="HouseholdEfficiency.ScorePpm"/> descending, then by id (ordinal).</summary>
/// <param name="Entries">The households, best first.</param>
public sealed record EfficiencyRanking(IReadOnlyList<HouseholdEfficiency> Entries)
{
    /// <summary>The <paramref name="k"/> most efficient households (fewer when the cohort is smaller): the ones PoEf rewards.</summary>
    /// <exception cref="AnalyticsInputException"><paramref name="k"/> is not positive.</exception>
    public IReadOnlyList<HouseholdEfficiency> Top(int k)
    {
        if (k <= 0)
        {
            throw new AnalyticsInputException($"k must be positive, not {k}", nameof(k));
        }

        return Entries.Take(k).ToList();
    }
}
