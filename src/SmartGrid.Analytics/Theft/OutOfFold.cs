namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Out-of-fold probabilities by group (household): every row is scored by a classifier fitted on
/// the other folds' groups only, so the scores look like those of unseen households. Used to fit
/// the combiner and to choose the alarm threshold without touching the test households.
/// </summary>
public static class OutOfFold
{
    /// <summary>
    /// Probabilities for every row. Groups are sorted (ordinal), shuffled with <paramref name="seed"/>
    /// and dealt round-robin into <paramref name="folds"/> folds.
    /// </summary>
    /// <exception cref="AnalyticsInputException">Fewer groups than folds, or mismatched lengths.</exception>
    public static double[] Probabilities(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<string> groups, Func<ITheftClassifier> factory, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(factory);
        if (rows.Count != labels.Count || rows.Count != groups.Count)
        {
            throw new AnalyticsInputException($"{rows.Count} rows, {labels.Count} labels and {groups.Count} groups", nameof(rows));
        }

        var ids = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (folds < 2 || ids.Length < folds)
        {
            throw new AnalyticsInputException($"{ids.Length} households cannot make {folds} folds", nameof(groups));
        }

        new Random(seed).Shuffle(ids);
        var foldOf = ids.Select((id, i) => (id, fold: i % folds)).ToDictionary(p => p.id, p => p.fold, StringComparer.Ordinal);
        var result = new double[rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => foldOf[groups[i]] != fold).ToArray();
            var classifier = factory();
            classifier.Fit([.. train.Select(i => rows[i])], [.. train.Select(i => labels[i])]);
            for (var i = 0; i < rows.Count; i++)
            {
                if (foldOf[groups[i]] == fold)
                {
                    result[i] = classifier.Probability(rows[i]);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The smallest threshold above the (1 − <paramref name="targetFalsePositiveRate"/>) quantile of
    /// the normal rows' scores: alarms (score ≥ threshold) then hit at most about that fraction of them.
    /// </summary>
    public static double Threshold(IEnumerable<double> normalScores, double targetFalsePositiveRate)
    {
        ArgumentNullException.ThrowIfNull(normalScores);
        var sorted = normalScores.ToArray();
        if (sorted.Length == 0)
        {
            throw new AnalyticsInputException("no normal rows to set a threshold on", nameof(normalScores));
        }

        Array.Sort(sorted);
        return Math.BitIncrement(RobustStatistics.QuantileOfSorted(sorted, 1 - targetFalsePositiveRate));
    }
}
