using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Analytics.Tests.Forecasting;

public sealed class ArimaForecasterTests
{
    [Fact]
    public void Css_on_a_simulated_ar2_recovers_its_coefficients_and_mean()
    {
        var y = Series.Arma(seed: 11, n: 3000, ar: [0.6, -0.3], ma: [], mean: 5);
        var model = new ArimaForecaster(new ArimaOrder(2, 0, 0));

        model.Fit(y);

        // Standard errors at n = 3000 are about 0.017 for the AR terms and 0.03 for the mean.
        model.Coefficients.Ar.Should().Equal([0.6, -0.3], (a, b) => Math.Abs(a - b) < 0.05);
        model.Coefficients.Mean.Should().BeApproximately(5, 0.1);
        model.Coefficients.Sigma2.Should().BeApproximately(1, 0.08);
        model.Coefficients.ResidualCount.Should().Be(2998);
    }

    [Fact]
    public void Css_on_a_simulated_arma11_recovers_both_coefficients()
    {
        var y = Series.Arma(seed: 12, n: 3000, ar: [0.7], ma: [0.4]);
        var model = new ArimaForecaster(new ArimaOrder(1, 0, 1), includeMean: false);

        model.Fit(y);

        model.Coefficients.Ar[0].Should().BeApproximately(0.7, 0.05);
        model.Coefficients.Ma[0].Should().BeApproximately(0.4, 0.05);
    }

    [Fact]
    public void Css_on_a_simulated_seasonal_ma_recovers_the_seasonal_coefficient()
    {
        var noise = Series.Arma(seed: 13, n: 2400 + 12, ar: [], ma: []);
        var y = new double[2400];
        for (var t = 0; t < y.Length; t++)
        {
            // y = (1 + 0.5 B^12) e
            y[t] = noise[t + 12] + (0.5 * noise[t]);
        }

        var model = new ArimaForecaster(new ArimaOrder(0, 0, 0), new SeasonalOrder(0, 0, 1, 12), includeMean: false);
        model.Fit(y);

        model.Coefficients.SeasonalMa[0].Should().BeApproximately(0.5, 0.05);
    }

    [Fact]
    public void A_random_walk_forecasts_its_last_value_and_a_seasonal_difference_repeats_the_last_season()
    {
        var y = Series.Arma(seed: 14, n: 200, ar: [], ma: []);

        var walk = new ArimaForecaster(new ArimaOrder(0, 1, 0));
        walk.Fit(y);
        walk.Forecast(3).Should().Equal(y[^1], y[^1], y[^1]);

        var seasonal = new ArimaForecaster(new ArimaOrder(0, 0, 0), new SeasonalOrder(0, 1, 0, 24));
        seasonal.Fit(y);
        var naive = new SeasonalNaiveForecaster(24);
        naive.Fit(y);
        seasonal.Forecast(30).Should().Equal(naive.Forecast(30), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Online_update_of_an_ar2_gives_the_one_step_forecast_of_the_fitted_equation()
    {
        var y = Series.Arma(seed: 15, n: 400, ar: [0.6, -0.3], ma: [], mean: 5);
        var model = new ArimaForecaster(new ArimaOrder(2, 0, 0));
        model.Fit(y.AsSpan(0, 300));
        var c = model.Coefficients;

        for (var t = 300; t < 400; t++)
        {
            model.Update(y[t]);
        }

        var expected = c.Mean + (c.Ar[0] * (y[399] - c.Mean)) + (c.Ar[1] * (y[398] - c.Mean));
        model.Forecast(1)[0].Should().BeApproximately(expected, 1e-12);
        model.Coefficients.Should().BeSameAs(c);
    }

    [Fact]
    public void Online_update_of_an_arima111_matches_the_residual_recursion_over_the_whole_series()
    {
        var y = Series.Arma(seed: 16, n: 400, ar: [0.5], ma: [0.3]);
        for (var t = 1; t < y.Length; t++)
        {
            y[t] += y[t - 1];
        }

        var model = new ArimaForecaster(new ArimaOrder(1, 1, 1));
        model.Fit(y.AsSpan(0, 300));
        for (var t = 300; t < 400; t++)
        {
            model.Update(y[t]);
        }

        // By hand: w = Δy, e(t) = w(t) − φ w(t−1) − θ e(t−1), e = 0 up to the first AR lag.
        var (phi, theta) = (model.Coefficients.Ar[0], model.Coefficients.Ma[0]);
        var w = y.Skip(1).Select((v, i) => v - y[i]).ToArray();
        var e = new double[w.Length];
        for (var t = 1; t < w.Length; t++)
        {
            e[t] = w[t] - (phi * w[t - 1]) - (t > 1 ? theta * e[t - 1] : 0);
        }

        var w1 = (phi * w[^1]) + (theta * e[^1]);
        var w2 = phi * w1;
        model.Forecast(2).Should().Equal([y[^1] + w1, y[^1] + w1 + w2], (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void A_constant_series_is_fitted_without_failing()
    {
        var model = new ArimaForecaster(new ArimaOrder(1, 0, 1));

        model.Fit(Enumerable.Repeat(2.5, 100).ToArray());

        model.Forecast(3).Should().Equal([2.5, 2.5, 2.5], (a, b) => Math.Abs(a - b) < 1e-9);
        model.Coefficients.SumOfSquares.Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Fitted_polynomials_are_stationary_and_invertible_even_for_an_overdifferenced_series()
    {
        // White noise differenced once has an MA(1) unit root at θ = −1; CSS must stay inside.
        var y = Series.Arma(seed: 17, n: 500, ar: [], ma: []);
        var model = new ArimaForecaster(new ArimaOrder(0, 1, 1));

        model.Fit(y);

        model.Coefficients.Ma[0].Should().BeGreaterThan(-1).And.BeLessThan(-0.8);
    }

    [Fact]
    public void Bad_orders_and_short_histories_are_rejected_with_the_problem_named()
    {
        FluentActions.Invoking(() => new ArimaForecaster(new ArimaOrder(-1, 0, 0))).Should().Throw<AnalyticsInputException>().WithMessage("order.P must not be negative*");
        FluentActions.Invoking(() => new ArimaForecaster(new ArimaOrder(1, 0, -2))).Should().Throw<AnalyticsInputException>().WithMessage("order.Q*");
        FluentActions.Invoking(() => new ArimaForecaster(new ArimaOrder(1, 0, 0), new SeasonalOrder(1, 0, 0, 1))).Should().Throw<AnalyticsInputException>().WithMessage("seasonal.Period must be at least 2*");
        FluentActions.Invoking(() => new ArimaForecaster(new ArimaOrder(1, 0, 0), new SeasonalOrder(0, -1, 0, 24))).Should().Throw<AnalyticsInputException>().WithMessage("seasonal.D*");

        var model = new ArimaForecaster(new ArimaOrder(1, 0, 0), new SeasonalOrder(1, 1, 0, 24));
        model.MinimumHistory.Should().Be(24 + 25 + 4 + 2);
        model.Invoking(m => m.Fit(new double[54])).Should().Throw<AnalyticsInputException>().WithMessage("ARIMA(1,0,0)(1,1,0)[24] needs a history of at least 55 values*");
    }
}
