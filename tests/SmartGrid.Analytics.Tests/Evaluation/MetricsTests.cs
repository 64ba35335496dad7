using SmartGrid.Analytics.Evaluation;

namespace SmartGrid.Analytics.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void Confusion_counts_and_rates_at_a_threshold()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];
        bool[] labels = [true, true, false, true, false, true, false, false];

        var counts = ConfusionCounts.At(scores, labels, 0.6);

        counts.Should().Be(new ConfusionCounts(3, 1, 3, 1));
        counts.DetectionRate.Should().Be(0.75);
        counts.FalsePositiveRate.Should().Be(0.25);
        counts.Precision.Should().Be(0.75);
        counts.F1.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void Auc_counts_pairs_and_ties_by_half()
    {
        // Positives 0.9, 0.6, 0.3; negatives 0.7, 0.4, 0.2, 0.1: pairs won 4 + 3 + 2 = 9 of 12.
        Metrics.RocAuc([0.9, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1], [true, false, true, false, true, false, false]).Should().BeApproximately(9.0 / 12, 1e-12);
        // Every score tied: 0.5.
        Metrics.RocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false]).Should().Be(0.5);
        // One tie between a positive and a negative, the rest separated: (3 + 0.5) / 4.
        Metrics.RocAuc([0.9, 0.5, 0.5, 0.1], [true, true, false, false]).Should().BeApproximately(3.5 / 4, 1e-12);
    }

    [Fact]
    public void Auc_equals_the_area_under_the_roc_curve()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s).ToArray();
        var curve = Metrics.RocCurve(scores, labels);
        var area = 0.0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate) * (curve[i].DetectionRate + curve[i - 1].DetectionRate) / 2;
        }

        Metrics.RocAuc(scores, labels).Should().BeApproximately(area, 1e-12);
        curve[0].Should().Be((0.0, 0.0));
        curve[^1].Should().Be((1.0, 1.0));
    }

    [Fact]
    public void Map_at_k_follows_zheng_et_al()
    {
        // Ranked labels: 1 0 1 1 0 | 1. Top 5: thieves at ranks 1, 3, 4: (1/1 + 2/3 + 3/4) / 3.
        double[] scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5];
        bool[] labels = [true, false, true, true, false, true];

        Metrics.MeanAveragePrecisionAt(scores, labels, 5).Should().BeApproximately((1 + (2.0 / 3) + 0.75) / 3, 1e-12);
        Metrics.MeanAveragePrecisionAt(scores, labels, 1).Should().Be(1);
        Metrics.MeanAveragePrecisionAt(scores, [false, false, false, false, false, true], 5).Should().Be(0);
    }

    [Fact]
    public void Per_type_figures_keep_all_normal_days_and_one_type_of_stolen_day()
    {
        double[] scores = [0.9, 0.2, 0.8, 0.1, 0.3];
        bool[] labels = [true, true, false, false, false];
        string?[] types = ["h1", "h6", null, null, null];

        var evaluation = TheftEvaluation.Of(scores, labels, types, 0.5);

        evaluation.Overall.Counts.Should().Be(new ConfusionCounts(1, 1, 2, 1));
        evaluation.PerType.Keys.Should().Equal("h1", "h6");
        evaluation.PerType["h1"].Counts.Should().Be(new ConfusionCounts(1, 1, 2, 0));
        evaluation.PerType["h1"].RocAuc.Should().Be(1);
        evaluation.PerType["h6"].Counts.DetectionRate.Should().Be(0);
        evaluation.PerType["h6"].RocAuc.Should().BeApproximately(1.0 / 3, 1e-12);
    }

    [Fact]
    public void Household_split_is_seeded_and_holds_out_whole_households()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"H{i}").ToArray();

        var first = HouseholdSplit.TestHouseholds(ids, 0.3, 9);

        first.Should().HaveCount(30);
        HouseholdSplit.TestHouseholds(ids.Reverse(), 0.3, 9).Should().BeEquivalentTo(first, "the order of the input does not matter");
        HouseholdSplit.TestHouseholds(ids, 0.3, 10).Should().NotBeEquivalentTo(first);
    }

    [Fact]
    public void Mismatched_inputs_are_rejected() =>
        ((Action)(() => Metrics.RocAuc([0.1, 0.2], [true]))).Should().Throw<AnalyticsInputException>();
}
