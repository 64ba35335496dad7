namespace SmartGrid.Analytics.Evaluation;

/// <summary>The figures of a detector on one set of scored household-days (or customers).</summary>
/// <param name="Positives">Stolen days scored.</param>
/// <param name="Negatives">Normal days scored.</param>
/// <param name="Counts">Counts at the detector's threshold.</param>
/// <param name="RocAuc">ROC AUC, ties counted one half.</param>
/// <param name="MapAt100">MAP@100 (Zheng et al. 2018).</param>
public sealed record DetectionFigures(int Positives, int Negatives, ConfusionCounts Counts, double RocAuc, double MapAt100)
{
    /// <summary>The k of <see cref="MapAt100"/>.</summary>
    public const int MapK = 100;

    /// <summary>Computes the figures of <paramref name="scores"/> against <paramref name="labels"/> at <paramref name="threshold"/>.</summary>
    public static DetectionFigures Of(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold) =>
        new(labels.Count(l => l), labels.Count(l => !l), ConfusionCounts.At(scores, labels, threshold),
            Metrics.RocAuc(scores, labels), Metrics.MeanAveragePrecisionAt(scores, labels, MapK));
}
