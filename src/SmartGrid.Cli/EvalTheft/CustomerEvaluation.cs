using SmartGrid.Analytics.Evaluation;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// Per-customer scoring for the SGCC layout (labels per customer, daily readings). Each customer's
/// series is cut into weeks (7 daily readings, missing days filled with the customer's median day),
/// every week gets the household-day features against the customer's own weeks and the cohort, and
/// the customer is described by the minimum, median and maximum of each feature over its weeks,
/// plus its fraction of missing days. The classifier is fitted on the training customers; the
/// threshold comes from their out-of-fold probabilities.
/// </summary>
public static class CustomerEvaluation
{
    /// <summary>Runs the per-customer evaluation.</summary>
    public static EvalTheftResult Run(TheftDataSet data, EvalTheftSettings settings)
    {
        var households = data.Households.Select(h => new HouseholdDays(h.Id, h.Dates, h.Readings)).ToArray();
        var weekly = TheftFeatureExtractor.Extract(households);
        var byCustomer = weekly.GroupBy(w => w.HouseholdId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var ids = data.Households.Select(h => h.Id).ToArray();
        var rows = data.Households.Select(h => Describe(byCustomer[h.Id], h.MissingFraction)).ToArray();
        var labels = data.Households.Select(h => h.Labels[0]).ToArray();
        var test = HouseholdSplit.TestHouseholds(ids, settings.TestFraction, settings.Seed);
        var train = Enumerable.Range(0, ids.Length).Where(i => !test.Contains(ids[i])).ToArray();
        var factory = EvalTheftRunner.ClassifierFactory(settings);
        var trainRows = train.Select(i => rows[i]).ToArray();
        var trainLabels = train.Select(i => labels[i]).ToArray();
        var outOfFold = OutOfFold.Probabilities(trainRows, trainLabels, [.. train.Select(i => ids[i])], factory, 3, settings.Seed);
        var threshold = OutOfFold.Threshold(outOfFold.Where((_, k) => !trainLabels[k]), settings.TargetFalsePositiveRate);
        var classifier = factory();
        classifier.Fit(trainRows, trainLabels);
        var scored = Enumerable.Range(0, ids.Length).Where(i => test.Contains(ids[i])).Select(i =>
        {
            var p = classifier.Probability(rows[i]);
            return new ScoredItem(ids[i], null, labels[i], labels[i] ? "labelled" : null, p, p >= threshold, p >= threshold ? ["classifier"] : []);
        }).ToArray();
        var evaluation = TheftEvaluation.Of([.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Label)], [.. scored.Select(s => s.AttackType)], threshold);
        return new EvalTheftResult(evaluation, scored, train.Length, scored.Length, [$"classifier: {settings.Classifier} on per-customer summaries of weekly features"]);
    }

    private static double[] Describe(HouseholdDayFeatures[] weeks, double missingFraction)
    {
        var width = TheftFeatureExtractor.FeatureCount;
        var row = new double[(3 * width) + 1];
        var column = new double[weeks.Length];
        for (var f = 0; f < width; f++)
        {
            for (var w = 0; w < weeks.Length; w++)
            {
                column[w] = weeks[w].Values[f];
            }

            Array.Sort(column);
            row[3 * f] = column[0];
            row[(3 * f) + 1] = column[column.Length / 2];
            row[(3 * f) + 2] = column[^1];
        }

        row[^1] = missingFraction;
        return row;
    }
}
