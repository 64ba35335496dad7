namespace SmartGrid.Analytics.Evaluation;

/// <summary>
/// A seeded train/test split by household: every day of a household is on the same side, so the
/// test figures come only from households the model was not fitted on.
/// </summary>
public static class HouseholdSplit
{
    /// <summary>
    /// The ids chosen for testing: the ids are sorted (ordinal), shuffled with <paramref name="seed"/>,
    /// and the first round(<paramref name="testFraction"/>·count) taken (at least 1, leaving at least 1).
    /// </summary>
    /// <exception cref="AnalyticsInputException">Fewer than 2 households, or a fraction outside (0, 1).</exception>
    public static IReadOnlySet<string> TestHouseholds(IEnumerable<string> householdIds, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(householdIds);
        var ids = householdIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (ids.Length < 2 || !(testFraction is > 0 and < 1))
        {
            throw new AnalyticsInputException("a split needs at least 2 households and a test fraction in (0, 1)", nameof(testFraction));
        }

        new Random(seed).Shuffle(ids);
        var count = Math.Clamp((int)Math.Round(testFraction * ids.Length), 1, ids.Length - 1);
        return new HashSet<string>(ids[..count], StringComparer.Ordinal);
    }
}
