using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Analytics.Tests.Forecasting;

public sealed class SimpleForecasterTests
{
    [Fact]
    public void Moving_average_forecasts_the_mean_of_its_window_and_slides_on_update()
    {
        var model = new MovingAverageForecaster(3);
        model.Fit([10, 1, 2, 3]);

        model.Forecast(2).Should().Equal(2, 2);

        model.Update(7);
        model.Forecast(1).Should().Equal(4);
        model.Name.Should().Be("MA(3)");
    }

    [Fact]
    public void Seasonal_naive_repeats_the_last_season_exactly()
    {
        var model = new SeasonalNaiveForecaster(4);
        model.Fit([9, 9, 9, 9, 1, 2, 3, 4]);

        model.Forecast(6).Should().Equal(1, 2, 3, 4, 1, 2);

        model.Update(5);
        model.Forecast(4).Should().Equal(2, 3, 4, 5);
    }

    [Fact]
    public void Ewma_with_a_given_alpha_follows_the_recursion()
    {
        var model = new ExponentialSmoothingForecaster(0.5);
        model.Fit([4, 8, 0]);

        // level: 4, then 6, then 3.
        model.Forecast(3).Should().Equal(3, 3, 3);
        model.Update(5);
        model.Level.Should().Be(4);
    }

    [Fact]
    public void Ewma_fits_a_high_alpha_to_a_random_walk_and_a_low_one_to_noise_around_a_level()
    {
        var noise = Series.Arma(seed: 1, n: 600, ar: [], ma: [], mean: 5);
        var walk = new double[600];
        for (var t = 1; t < walk.Length; t++)
        {
            walk[t] = walk[t - 1] + noise[t] - 5;
        }

        var onWalk = new ExponentialSmoothingForecaster();
        onWalk.Fit(walk);
        var onNoise = new ExponentialSmoothingForecaster();
        onNoise.Fit(noise);

        onWalk.Alpha.Should().BeGreaterThan(0.9);
        onNoise.Alpha.Should().BeLessThan(0.1);
        var uniform = new Random(13);
        var white = new ExponentialSmoothingForecaster();
        white.Fit([.. Enumerable.Range(0, 192).Select(_ => 50.0 + uniform.Next(200))]);
        white.Alpha.Should().BeInRange(1e-4, 1, "the search's widened bracket must not leave (0, 1] (it found -0.01 on this series)");
        onNoise.Forecast(1)[0].Should().BeApproximately(5, 0.3);
    }

    [Fact]
    public void Holt_winters_continues_a_noiseless_level_and_season_exactly()
    {
        double Truth(int t) => 10 + new[] { 3.0, -1.0, 0.0, -2.0 }[t % 4];
        var model = new HoltWintersForecaster(4);

        model.Fit(Enumerable.Range(0, 40).Select(Truth).ToArray());

        model.Sse.Should().BeLessThan(1e-20);
        model.Forecast(6).Should().Equal(Enumerable.Range(40, 6).Select(Truth), (a, b) => Math.Abs(a - b) < 1e-12);
        model.Update(Truth(40));
        model.Forecast(3).Should().Equal(Enumerable.Range(41, 3).Select(Truth), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Holt_winters_learns_a_noiseless_trend_that_its_initial_states_miss()
    {
        // The heuristic's first seasonals absorb part of the trend; the recursions correct them.
        double Truth(int t) => 10 + (0.5 * t) + new[] { 3.0, -1.0, 0.0, -2.0 }[t % 4];
        var model = new HoltWintersForecaster(4);

        model.Fit(Enumerable.Range(0, 200).Select(Truth).ToArray());
        model.Update(Truth(200));

        model.Forecast(8).Should().Equal(Enumerable.Range(201, 8).Select(Truth), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Holt_winters_weights_stay_in_the_admissible_region()
    {
        var model = new HoltWintersForecaster(24);
        model.Fit(Series.HourlyLoad(seed: 3, days: 10));

        model.Alpha.Should().BeInRange(0, 1);
        model.Beta.Should().BeInRange(0, model.Alpha);
        model.Gamma.Should().BeInRange(0, 1 - model.Alpha);
    }

    public static TheoryData<Func<IForecaster>, int> Models => new()
    {
        { () => new MovingAverageForecaster(4), 4 },
        { () => new SeasonalNaiveForecaster(24), 24 },
        { () => new ExponentialSmoothingForecaster(), 2 },
        { () => new HoltWintersForecaster(24), 48 },
        { () => new ArimaForecaster(new ArimaOrder(2, 0, 0)), 0 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_forecaster_rejects_bad_input_with_a_named_problem(Func<IForecaster> create, int minimum)
    {
        var model = create();

        model.Invoking(m => m.Forecast(1)).Should().Throw<AnalyticsInputException>().WithMessage("*not been fitted*");
        model.Invoking(m => m.Update(1)).Should().Throw<AnalyticsInputException>().WithMessage("*not been fitted*");

        var history = Series.HourlyLoad(seed: 5, days: 5);
        history[7] = double.NaN;
        model.Invoking(m => m.Fit(history)).Should().Throw<AnalyticsInputException>().WithMessage("history[7] is NaN*");
        if (minimum > 1)
        {
            model.Invoking(m => m.Fit(new double[minimum - 1])).Should().Throw<AnalyticsInputException>().WithMessage("*at least*");
        }

        model.Fit(Series.HourlyLoad(seed: 5, days: 5));
        model.Invoking(m => m.Forecast(0)).Should().Throw<AnalyticsInputException>().WithMessage("horizon*");
        model.Invoking(m => m.Update(double.PositiveInfinity)).Should().Throw<AnalyticsInputException>().WithMessage("observation*");
    }

    [Fact]
    public void Settings_out_of_range_are_rejected()
    {
        FluentActions.Invoking(() => new MovingAverageForecaster(0)).Should().Throw<AnalyticsInputException>().WithMessage("window*");
        FluentActions.Invoking(() => new SeasonalNaiveForecaster(1)).Should().Throw<AnalyticsInputException>().WithMessage("season must be at least 2*");
        FluentActions.Invoking(() => new HoltWintersForecaster(0)).Should().Throw<AnalyticsInputException>().WithMessage("season*");
        FluentActions.Invoking(() => new ExponentialSmoothingForecaster(1.5)).Should().Throw<AnalyticsInputException>().WithMessage("alpha*");
    }
}
