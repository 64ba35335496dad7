using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class ClassifierTests
{
    private static (double[][] X, bool[] Y) Logistic(int rows, int seed)
    {
        // P(y = 1) = σ(−1 + 2·x₁ − 3·x₂), x ~ N(0, 1) (Box-Muller).
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new double[rows][];
        var y = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = [Normal(), Normal()];
            var p = 1 / (1 + Math.Exp(-(-1 + (2 * x[i][0]) - (3 * x[i][1]))));
            y[i] = random.NextDouble() < p;
        }

        return (x, y);
    }

    [Fact]
    public void Logistic_regression_recovers_known_coefficients()
    {
        var (x, y) = Logistic(20_000, 1);
        var model = new LogisticRegressionClassifier(lambda: 1e-6);

        model.Fit(x, y);

        // Weights are per standardised feature: divide by the feature's sd (≈ 1 here) to compare.
        model.Weights[0].Should().BeApproximately(-1, 0.1);
        model.Weights[1].Should().BeApproximately(2, 0.15);
        model.Weights[2].Should().BeApproximately(-3, 0.2);
    }

    [Fact]
    public void Boosted_trees_learn_an_interaction_a_linear_model_cannot()
    {
        // XOR of two signs: no linear separator, a depth-2 tree is enough.
        var random = new Random(2);
        var x = Enumerable.Range(0, 4_000).Select(_ => new[] { (random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1 }).ToArray();
        var y = x.Select(r => r[0] * r[1] > 0).ToArray();
        var trees = new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 100, MaxDepth = 2 });
        var linear = new LogisticRegressionClassifier();

        trees.Fit(x, y);
        linear.Fit(x, y);

        double Accuracy(ITheftClassifier model) => x.Zip(y).Count(p => (model.Probability(p.First) >= 0.5) == p.Second) / (double)x.Length;
        Accuracy(trees).Should().BeGreaterThan(0.97);
        Accuracy(linear).Should().BeLessThan(0.65);
        trees.TreeCount.Should().Be(100);
    }

    [Fact]
    public void Boosted_trees_are_deterministic_for_a_seed()
    {
        var (x, y) = Logistic(2_000, 3);
        var first = new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 30, Seed = 4 });
        var second = new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 30, Seed = 4 });
        first.Fit(x, y);
        second.Fit(x, y);

        x.Take(50).Select(r => first.Probability(r)).Should().Equal(x.Take(50).Select(r => second.Probability(r)));
    }

    [Fact]
    public void Fitting_one_class_only_is_refused()
    {
        var act = () => new LogisticRegressionClassifier().Fit([[1.0], [2.0]], [true, true]);
        act.Should().Throw<AnalyticsInputException>().WithMessage("*both*");
        var unfitted = () => new GradientBoostedTreesClassifier().Probability([1.0]);
        unfitted.Should().Throw<InvalidOperationException>();
    }
}
