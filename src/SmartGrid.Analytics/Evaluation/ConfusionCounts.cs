namespace SmartGrid.Analytics.Evaluation;

/// <summary>
/// Counts of a thresholded detector (an alarm is score ≥ threshold) and the rates derived from
/// them. Rates with an empty denominator are 0.
/// </summary>
/// <param name="TruePositives">Stolen days with an alarm.</param>
/// <param name="FalsePositives">Normal days with an alarm.</param>
/// <param name="TrueNegatives">Normal days without an alarm.</param>
/// <param name="FalseNegatives">Stolen days without an alarm.</param>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>Detection rate (true-positive rate, recall): TP / (TP + FN).</summary>
    public double DetectionRate => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>False-positive rate: FP / (FP + TN).</summary>
    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>Precision: TP / (TP + FP).</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>F1: the harmonic mean of precision and detection rate, 2PR / (P + R).</summary>
    public double F1 => Precision + DetectionRate > 0 ? 2 * Precision * DetectionRate / (Precision + DetectionRate) : 0;

    /// <summary>Counts the alarms (score ≥ <paramref name="threshold"/>) against the labels.</summary>
    /// <exception cref="AnalyticsInputException">Scores and labels differ in length, or a score is NaN.</exception>
    public static ConfusionCounts At(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        Metrics.Validate(scores, labels);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var alarm = scores[i] >= threshold;
            if (labels[i])
            {
                _ = alarm ? tp++ : fn++;
            }
            else
            {
                _ = alarm ? fp++ : tn++;
            }
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
