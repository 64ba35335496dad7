using SmartGrid.Analytics.Forecasting;
using SmartGrid.Analytics.Learning;
using SmartGrid.Analytics.Tests.Forecasting;

namespace SmartGrid.Analytics.Tests.Learning;

public sealed class ForecasterSelectorTests
{
    private static readonly Func<IForecaster>[] Candidates =
    [
        () => new MovingAverageForecaster(3),
        () => new ExponentialSmoothingForecaster(0.5),
        () => new SeasonalNaiveForecaster(24),
        () => new HoltWintersForecaster(24),
    ];

    [Fact]
    public void Reward_is_one_minus_the_normalised_absolute_error()
    {
        ForecasterSelector.Reward([1, 2, 3], [1, 2, 3]).Should().Be(1);
        ForecasterSelector.Reward([2, 2, 2], [1, 2, 3]).Should().BeApproximately(1 - (2.0 / 6), 1e-15);
        ForecasterSelector.Reward([10, 10], [1, 1]).Should().Be(0);
        ForecasterSelector.Reward([0, 0], [0, 0]).Should().Be(1);
        FluentActions.Invoking(() => ForecasterSelector.Reward([1], [1, 2])).Should().Throw<AnalyticsInputException>();
    }

    [Fact]
    public void Chooses_the_forecaster_with_the_least_realised_error_and_earns_more_over_rounds()
    {
        // Each round is a day: forecast the next 24 hours from the last 7 days, then score.
        var y = Series.HourlyLoad(seed: 31, days: 67);
        var selector = new ForecasterSelector(Candidates);
        var rounds = 60;
        var chosen = new int[rounds];
        var regret = new double[rounds];
        var fullInformation = new double[Candidates.Length];
        for (var day = 0; day < rounds; day++)
        {
            var history = y.AsSpan(day * 24, 7 * 24).ToArray();
            var actual = y.AsSpan((day + 7) * 24, 24).ToArray();
            var rewards = Candidates.Select(create =>
            {
                var model = create();
                model.Fit(history);
                return ForecasterSelector.Reward(model.Forecast(24), actual);
            }).ToArray();
            for (var i = 0; i < rewards.Length; i++)
            {
                fullInformation[i] += rewards[i];
            }

            var round = selector.Step(history, actual);
            round.Reward.Should().BeApproximately(rewards[round.Arm], 1e-12);
            chosen[day] = round.Arm;
            regret[day] = rewards.Max() - round.Reward;
        }

        var best = Array.IndexOf(fullInformation, fullInformation.Max());
        var poor = Enumerable.Range(0, Candidates.Length).Where(i => fullInformation[i] / rounds < (fullInformation[best] / rounds) - 0.1).ToArray();
        poor.Should().HaveCount(2, "the moving average and EWMA miss the daily shape");

        selector.Best.Should().Be(selector.Candidates[best]);
        var late = chosen.Skip(rounds - 20).ToArray();
        late.Count(arm => arm == best).Should().BeGreaterThan(late.Length / 2);
        chosen.Skip(rounds - 30).Count(poor.Contains).Should().BeLessThanOrEqualTo(2);
        regret.Skip(rounds - 20).Average().Should().BeLessThan(0.7 * regret.Take(20).Average());
    }

    [Fact]
    public void A_selector_needs_a_candidate()
    {
        FluentActions.Invoking(() => new ForecasterSelector([])).Should().Throw<AnalyticsInputException>().WithMessage("*candidate*");
    }
}
