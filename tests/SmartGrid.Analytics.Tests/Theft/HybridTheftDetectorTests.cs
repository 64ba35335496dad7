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
        var verdicts = detector.Score([.. held.Select(i => features[i])]);
        var evaluation = TheftEvaluation.Of([.. verdicts.Select(v => v.Score)], [.. held.Select(i => labels[i])], [.. held.Select(i => types[i])], detector.Threshold);

        verdicts.Should().OnlyContain(v => v.Score >= 0 && v.Score <= 1);
        evaluation.Overall.RocAuc.Should().BeGreaterThan(0.97);
        evaluation.Overall.Counts.DetectionRate.Should().BeGreaterThan(0.85);
        evaluation.Overall.Counts.FalsePositiveRate.Should().BeLessThan(0.05);
        var zeroed = held.Select((i, k) => (i, k)).Where(p => types[p.i] == "h2").Select(p => verdicts[p.k]).ToArray();
        zeroed.Should().NotBeEmpty().And.OnlyContain(v => v.Fired.Any(e => e.Name == "zero_run"));
        detector.CombinerWeights.Should().HaveCount(5);
    }

    [Fact]
    public void A_day_is_scored_against_its_household_s_other_days()
    {
        var (households, labels, _) = SyntheticHouseholds.Make(households: 30, days: 21, n: 24, fraction: 0.1, seed: 9);
        var features = TheftFeatureExtractor.Extract(households);
        var detector = new HybridTheftDetector(24, new TheftDetectorOptions
        {
            ClassifierFactory = () => new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 30 }),
        });
        detector.Fit(features, labels);
        var stolen = Array.IndexOf(labels, true);
        var household = features.Where(f => f.HouseholdId == features[stolen].HouseholdId).ToArray();
        var position = Array.IndexOf(household, features[stolen]);

        var inBatch = detector.Score(household);
        var alone = detector.Score([features[stolen]]);

        inBatch.Select(v => v.HouseholdId).Should().OnlyContain(id => id == features[stolen].HouseholdId);
        inBatch.Should().HaveCount(household.Length);
        inBatch[position].Score.Should().BeGreaterThan(alone[0].Score, "against its household's other days the stolen day stands out more than alone");
    }

    [Fact]
    public void Scoring_before_fitting_is_refused()
    {
        var detector = new HybridTheftDetector(24);
        var act = () => detector.Score([new HouseholdDayFeatures("H", SyntheticHouseholds.FirstDay, new double[TheftFeatureExtractor.FeatureCount])]);
        act.Should().Throw<InvalidOperationException>();
    }
}
