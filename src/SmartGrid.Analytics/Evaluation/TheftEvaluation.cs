namespace SmartGrid.Analytics.Evaluation;

/// <summary>
/// Overall and per-attack-type figures. Per type T, the positives are the days stolen with T and
/// the negatives are all normal days (days stolen with other types are left out), at the same
/// threshold: so every type shares the overall false-positive rate, and its precision, AUC and
/// MAP@100 are those of a population where T is the only attack.
/// </summary>
/// <param name="Overall">Figures over every scored day.</param>
/// <param name="PerType">Figures per attack label (<c>h1</c>..).</param>
/// <param name="Threshold">The alarm threshold used.</param>
public sealed record TheftEvaluation(DetectionFigures Overall, IReadOnlyDictionary<string, DetectionFigures> PerType, double Threshold)
{
    /// <summary>Evaluates scores against labels and attack types (null or empty for normal days).</summary>
    /// <exception cref="AnalyticsInputException">Lengths differ, a score is NaN, or a stolen day has no type while others do.</exception>
    public static TheftEvaluation Of(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, IReadOnlyList<string?> types, double threshold)
    {
        Metrics.Validate(scores, labels);
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count != labels.Count)
        {
            throw new AnalyticsInputException($"{types.Count} attack types and {labels.Count} labels", nameof(types));
        }

        var overall = DetectionFigures.Of(scores, labels, threshold);
        var perType = new SortedDictionary<string, DetectionFigures>(StringComparer.Ordinal);
        foreach (var type in types.Where((t, i) => labels[i] && !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal))
        {
            var keep = Enumerable.Range(0, labels.Count).Where(i => !labels[i] || string.Equals(types[i], type, StringComparison.Ordinal)).ToArray();
            perType[type!] = DetectionFigures.Of([.. keep.Select(i => scores[i])], [.. keep.Select(i => labels[i])], threshold);
        }

        return new TheftEvaluation(overall, perType, threshold);
    }
}
