using SmartGrid.Analytics.Evaluation;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class HybridTheftDetectorTests
{
    [Fact]
    public void Detects_attacks_on_households_it_was_not_fitted_on_and_explains_them()
    {
        var (households, labels, types) = SyntheticHouseholds.Make(households: 60, days: 28, n: 48, fraction: 0.1, seed: 5);
        var features = TheftFeatureExtractor.Extract(households);
        var test = HouseholdSplit.TestHouseholds(households.Select(h => h.Id), 0.3, 5);
        var train = Enumerable.Range(0, features.Count).Where(i => !test.Contains(features[i].HouseholdId)).ToArray();
        var detector = new HybridTheftDetector(48, new TheftDetectorOptions
        {
            ClassifierFactory = () => new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 100 }),
        });

        detector.Fit([.. train.Select(i => features[i])], [.. train.Select(i => labels[i])]);
        var held = Enumerable.Range(0, features.Count).Where(i => test.Contains(features[i].HouseholdId)).ToArray();
        var verdicts = held.Select(i => detector.Score(features[i])).ToArray();
        var evaluation = TheftEvaluation.Of([.. verdicts.Select(v => v.Score)], [.. held.Select(i => labels[i])], [.. held.Select(i => types[i])], detector.Threshold);

        verdicts.Should().OnlyContain(v => v.Score >= 0 && v.Score <= 1);
        evaluation.Overall.RocAuc.Should().BeGreaterThan(0.97);
        evaluation.Overall.Counts.DetectionRate.Should().BeGreaterThan(0.85);
        evaluation.Overall.Counts.FalsePositiveRate.Should().BeLessThan(0.05);
        var zeroed = held.Where(i => types[i] == "h2").Select(i => detector.Score(features[i])).ToArray();
        zeroed.Should().NotBeEmpty().And.OnlyContain(v => v.Fired.Any(e => e.Name == "zero_run"));
        detector.CombinerWeights.Should().HaveCount(4);
    }

    [Fact]
    public void Scoring_before_fitting_is_refused()
    {
        var detector = new HybridTheftDetector(24);
        var act = () => detector.Score(new HouseholdDayFeatures("H", SyntheticHouseholds.FirstDay, new double[TheftFeatureExtractor.FeatureCount]));
        act.Should().Throw<InvalidOperationException>();
    }
}
