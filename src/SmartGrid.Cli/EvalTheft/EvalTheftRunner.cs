using System.Globalization;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Evaluation;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// The evaluation protocol: features for every household-day (each household against its own
/// history and the cohort), a seeded split by household, the hybrid detector fitted on the
/// training households only (threshold chosen there), and figures on the held-out households.
/// </summary>
public static class EvalTheftRunner
{
    /// <summary>Runs the evaluation on <paramref name="data"/>.</summary>
    /// <exception cref="AnalyticsInputException">The data cannot be evaluated (no positives, too few households).</exception>
    public static EvalTheftResult Run(TheftDataSet data, EvalTheftSettings settings)
    {
        if (!data.HasPositives)
        {
            throw new AnalyticsInputException("no stolen days or customers to learn from: the input has no labels; add --inject-attacks FRACTION", nameof(data));
        }

        if (data.PerCustomer)
        {
            return CustomerEvaluation.Run(data, settings);
        }

        var households = data.Households.Select(h => new HouseholdDays(h.Id, h.Dates, h.Readings)).ToArray();
        var feeders = settings.FeederSize > 0 ? FeederSimulator.Build(data, settings.FeederSize, settings.Seed) : null;
        var features = TheftFeatureExtractor.Extract(households, feeders);
        var truth = data.Households.SelectMany(h => h.Labels.Select((label, d) => (label, type: h.Types[d]))).ToArray();
        var test = HouseholdSplit.TestHouseholds(data.Households.Select(h => h.Id), settings.TestFraction, settings.Seed);
        var train = Enumerable.Range(0, features.Count).Where(i => !test.Contains(features[i].HouseholdId)).ToArray();
        var detector = new HybridTheftDetector(data.IntervalsPerDay, new TheftDetectorOptions
        {
            ClassifierFactory = ClassifierFactory(settings),
            Seed = settings.Seed,
            TargetFalsePositiveRate = settings.TargetFalsePositiveRate,
        });
        var (copies, copyLabels) = TrainingCopies.Build(data, test, settings, settings.TrainingCopies);
        detector.Fit([.. train.Select(i => features[i]), .. copies], [.. train.Select(i => truth[i].label), .. copyLabels]);

        var held = Enumerable.Range(0, features.Count).Where(i => test.Contains(features[i].HouseholdId)).ToArray();
        var verdicts = detector.Score([.. held.Select(i => features[i])]);
        var scored = held.Select((i, k) => new ScoredItem(verdicts[k].HouseholdId, verdicts[k].Date, truth[i].label, truth[i].type, verdicts[k].Score, verdicts[k].Alarm, [.. verdicts[k].Fired.Select(e => e.Name)])).ToList();

        var evaluation = TheftEvaluation.Of([.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Label)], [.. scored.Select(s => s.AttackType)], detector.Threshold);
        var weights = string.Join(", ", detector.CombinerWeights.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)));
        string[] details =
        [
            string.Create(CultureInfo.InvariantCulture, $"training rows: {train.Length:N0} household-days of the training households and {copies.Count:N0} of {(copies.Count > 0 ? settings.TrainingCopies : 0)} copies of them with fresh injections"),
            $"classifier: {settings.Classifier}; combiner weights (intercept, logit p, statistics, balance, household context): {weights}",
            settings.FeederSize > 0 ? string.Create(CultureInfo.InvariantCulture, $"energy balance: {feeders!.Count} simulated feeders of {settings.FeederSize} households") : "energy balance: no feeder data",
        ];
        return new EvalTheftResult(evaluation, scored, data.Households.Count - test.Count, test.Count, details) { Detector = detector };
    }

    /// <summary>The classifier factory named by the settings.</summary>
    public static Func<ITheftClassifier> ClassifierFactory(EvalTheftSettings settings) => settings.Classifier switch
    {
        "logistic" => () => new LogisticRegressionClassifier(),
        _ => () => new GradientBoostedTreesClassifier(new GradientBoostingOptions { Seed = settings.Seed }),
    };
}
