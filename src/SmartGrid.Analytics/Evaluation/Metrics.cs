namespace SmartGrid.Analytics.Evaluation;

/// <summary>
/// Threshold-free metrics of a score against binary labels (true = theft).
/// <list type="bullet">
/// <item>ROC AUC: the probability that a random stolen day scores above a random normal day, a tie
/// counting one half (the Mann-Whitney U / (n₊·n₋)); equal to the trapezoidal area under the ROC
/// curve whose points are taken between distinct scores.</item>
/// <item>MAP@k as in Zheng et al. (2018), "Wide and deep convolutional neural networks for electricity-theft
/// detection" (SGCC data): rank by score, highest first; with r the number of thieves among the top k and
/// k_i the rank of the i-th of them, MAP@k = (1/r)·Σᵢ P@k_i, where P@k_i is the fraction of thieves among
/// the top k_i; 0 when r = 0. Equal scores are ranked by input order, so the figure is reproducible.</item>
/// </list>
/// </summary>
public static class Metrics
{
    /// <summary>ROC AUC with ties counted one half; 0.5 when either class is empty.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Validate(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        // Sum of midranks of the positives (ties share the average rank).
        var rankSum = 0.0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var midrank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    rankSum += midrank;
                }
            }

            start = end + 1;
        }

        var u = rankSum - (positives * (positives + 1) / 2.0);
        return u / ((double)positives * negatives);
    }

    /// <summary>MAP@k (Zheng et al. 2018); see the class remarks.</summary>
    /// <exception cref="AnalyticsInputException">k is less than 1, or the inputs are malformed.</exception>
    public static double MeanAveragePrecisionAt(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int k)
    {
        Validate(scores, labels);
        if (k < 1)
        {
            throw new AnalyticsInputException("k must be at least 1", nameof(k));
        }

        var ranked = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);
        var hits = 0;
        var rank = 0;
        var sum = 0.0;
        foreach (var i in ranked)
        {
            rank++;
            if (labels[i])
            {
                hits++;
                sum += (double)hits / rank;
            }
        }

        return hits == 0 ? 0 : sum / hits;
    }

    /// <summary>
    /// The ROC curve: (false-positive rate, detection rate) for every threshold between distinct
    /// scores, from (0, 0) to (1, 1).
    /// </summary>
    public static IReadOnlyList<(double FalsePositiveRate, double DetectionRate)> RocCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Validate(scores, labels);
        var positives = Math.Max(1, labels.Count(l => l));
        var negatives = Math.Max(1, labels.Count(l => !l));
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<(double, double)> { (0, 0) };
        int tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            _ = labels[order[k]] ? tp++ : fp++;
            if (k + 1 == order.Length || scores[order[k + 1]] != scores[order[k]])
            {
                points.Add(((double)fp / negatives, (double)tp / positives));
            }
        }

        if (points[^1] != (1.0, 1.0))
        {
            points.Add((1, 1));
        }

        return points;
    }

    internal static void Validate(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new AnalyticsInputException($"{scores.Count} scores and {labels.Count} labels", nameof(labels));
        }

        if (scores.Any(double.IsNaN))
        {
            throw new AnalyticsInputException("scores must not be NaN", nameof(scores));
        }
    }
}
