using SmartGrid.Analytics.Forecasting;
using SmartGrid.Analytics.Learning;

namespace SmartGrid.Analytics.Tests.Learning;

public sealed class LearningRoundsTests
{
    [Fact]
    public void On_a_series_that_repeats_every_day_the_seasonal_naive_forecast_is_exact_and_the_selectors_learn_it()
    {
        var random = new Random(2);
        var series = Enumerable.Range(0, 3).Select(h =>
        {
            var day = Enumerable.Range(0, 24).Select(_ => 0.2 + random.NextDouble()).ToArray();
            return Enumerable.Range(0, 40 * 24).Select(t => day[t % 24]).ToArray();
        }).ToArray();
        Func<IForecaster>[] candidates = [() => new MovingAverageForecaster(24), () => new SeasonalNaiveForecaster(24)];

        var curve = LearningRounds.Forecasters(series, candidates, history: 7 * 24, horizon: 24);

        curve.Rounds.Should().Be(33);
        curve.Candidates.Should().Equal("MA(24)", "SeasonalNaive(24)");
        curve.Fixed.Should().OnlyContain(f => f[1] == 0 && f[0] > 0.1);
        curve.BestFixed.Should().OnlyContain(e => e == 0);
        curve.Selected[0].Should().Be(curve.Fixed[0][0], "every selector tries its first candidate first");
        curve.Selected.Skip(23).Count(e => e == 0).Should().BeGreaterThanOrEqualTo(8, "in the last 10 rounds the selectors mostly play the exact forecaster");
    }

    [Fact]
    public void Threshold_rounds_record_every_fixed_threshold_and_the_adaptive_one_plays_the_lowest_first()
    {
        // Each round: one thief at 0.9 worth 100, one honest household at 0.5, two at 0.1; an inspection costs 10.
        IReadOnlyList<Inspection> Round() => [new(0.9, true, 100), new(0.5, false, 0), new(0.1, false, 0), new(0.1, false, 0)];
        var rounds = Enumerable.Range(0, 40).Select(_ => Round()).ToArray();
        double[] grid = [0.05, 0.3, 0.7];

        var curve = LearningRounds.Thresholds(rounds, grid, inspectionCost: 10, seed: 3);

        curve.Fixed.Should().OnlyContain(f => f.SequenceEqual(new[] { (100 - 40) / 4.0, (100 - 20) / 4.0, (100 - 10) / 4.0 }));
        curve.BestFixed.Should().Be(2);
        curve.Chosen[0].Should().Be(0.05);
        curve.Adaptive.Select((v, r) => v == curve.Fixed[r][Array.IndexOf(grid, curve.Chosen[r])]).Should().OnlyContain(same => same);
        curve.Adaptive.Skip(30).Should().OnlyContain(v => v == 22.5, "after a few rounds the policy keeps to the threshold that pays best");
    }

    [Fact]
    public void Empty_inputs_are_rejected()
    {
        FluentActions.Invoking(() => LearningRounds.Forecasters([], [() => new MovingAverageForecaster(2)], 4, 2)).Should().Throw<AnalyticsInputException>();
        FluentActions.Invoking(() => LearningRounds.Forecasters([new double[5]], [() => new MovingAverageForecaster(2)], 4, 2)).Should().Throw<AnalyticsInputException>().WithMessage("*too few*");
        FluentActions.Invoking(() => LearningRounds.Thresholds([Array.Empty<Inspection>()], [0.5], 1, 1)).Should().Throw<AnalyticsInputException>().WithMessage("*no household*");
    }
}
