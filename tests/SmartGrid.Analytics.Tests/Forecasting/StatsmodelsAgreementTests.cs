using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Analytics.Tests.Forecasting;

/// <summary>
/// Holds the C# fits to the committed statsmodels 0.13.5 reference
/// (benchmarks/reference/statsmodels, tolerances also in docs/FORECASTING.md).
/// </summary>
public sealed class StatsmodelsAgreementTests
{
    // CSS: the same objective minimised by scipy least_squares; forecasts by statsmodels' filter with those parameters.
    private const double CssCoefficientTolerance = 1e-5;
    private const double CssSigma2RelativeTolerance = 1e-6;
    private const double CssForecastTolerance = 1e-4;

    // Exact likelihood (statsmodels' default ARIMA fit): CSS differs from it by O(1/n).
    private const double MleCoefficientTolerance = 0.03;
    private const double MleForecastToleranceInSigmas = 1.0;

    // Holt-Winters: same SSE objective and initial states, different optimiser (L-BFGS-B vs BFGS-B).
    private const double HoltWintersWeightTolerance = 1e-3;
    private const double HoltWintersSseRelativeTolerance = 1e-6;
    private const double HoltWintersForecastTolerance = 1e-3;

    public static TheoryData<string> ArimaCases => ["ar2", "arma11", "arima111", "seasonal_sarima", "household_sarima"];

    public static TheoryData<string> NonSeasonalCases => ["ar2", "arma11", "arima111"];

    public static TheoryData<string> HoltWintersCases => ["seasonal_hw", "household_hw"];

    [Theory]
    [MemberData(nameof(ArimaCases))]
    public void Css_fit_matches_the_reference_css_minimum(string name)
    {
        var reference = StatsmodelsReference.Case(name);
        var css = reference.GetProperty("css");
        var includeMean = reference.GetProperty("include_mean").GetBoolean();

        var model = StatsmodelsReference.FitArima(reference);

        StatsmodelsReference.MaxAbsDifference(StatsmodelsReference.Flatten(model.Coefficients, includeMean), StatsmodelsReference.Flatten(css, includeMean))
            .Should().BeLessThan(CssCoefficientTolerance);
        model.Coefficients.Sigma2.Should().BeApproximately(css.Number("sigma2"), CssSigma2RelativeTolerance * css.Number("sigma2"));
        model.Coefficients.SumOfSquares.Should().BeLessThanOrEqualTo(css.Number("sse") * (1 + 1e-9));
        model.Coefficients.ResidualCount.Should().Be((int)css.Number("residual_count"));
        StatsmodelsReference.MaxAbsDifference(model.Forecast(24), css.Numbers("forecast")).Should().BeLessThan(CssForecastTolerance);
    }

    [Theory]
    [MemberData(nameof(NonSeasonalCases))]
    public void Css_coefficients_are_close_to_statsmodels_exact_likelihood(string name)
    {
        var reference = StatsmodelsReference.Case(name);
        var includeMean = reference.GetProperty("include_mean").GetBoolean();

        var model = StatsmodelsReference.FitArima(reference);

        StatsmodelsReference.MaxAbsDifference(
            StatsmodelsReference.Flatten(model.Coefficients, includeMean),
            StatsmodelsReference.Flatten(reference.GetProperty("statsmodels"), includeMean)).Should().BeLessThan(MleCoefficientTolerance);
    }

    [Theory]
    [MemberData(nameof(ArimaCases))]
    public void Forecasts_are_within_one_innovation_sd_of_statsmodels_exact_likelihood(string name)
    {
        var reference = StatsmodelsReference.Case(name);
        var mle = reference.GetProperty("statsmodels");

        var model = StatsmodelsReference.FitArima(reference);

        StatsmodelsReference.MaxAbsDifference(model.Forecast(24), mle.Numbers("forecast"))
            .Should().BeLessThan(MleForecastToleranceInSigmas * Math.Sqrt(mle.Number("sigma2")));
    }

    [Fact]
    public void Ar2_equals_statsmodels_autoreg_least_squares()
    {
        var reference = StatsmodelsReference.Case("ar2");
        var autoreg = reference.GetProperty("autoreg");

        var model = StatsmodelsReference.FitArima(reference);

        model.Coefficients.Ar.Should().Equal(autoreg.Numbers("ar"), (a, b) => Math.Abs(a - b) < 1e-6);
        model.Coefficients.Mean.Should().BeApproximately(autoreg.Number("mean"), 1e-6);
        model.Coefficients.Sigma2.Should().BeApproximately(autoreg.Number("sigma2"), 1e-6);
        StatsmodelsReference.MaxAbsDifference(model.Forecast(24), autoreg.Numbers("forecast")).Should().BeLessThan(1e-5);
    }

    [Theory]
    [MemberData(nameof(HoltWintersCases))]
    public void Holt_winters_matches_statsmodels_exponential_smoothing(string name)
    {
        var reference = StatsmodelsReference.Case(name);
        var initial = reference.GetProperty("initial");
        var sm = reference.GetProperty("statsmodels");
        var season = (int)reference.Number("season");
        var model = new HoltWintersForecaster(season);

        model.Fit(StatsmodelsReference.Series(reference));

        model.InitialLevel.Should().BeApproximately(initial.Number("level"), 1e-12);
        model.InitialTrend.Should().BeApproximately(initial.Number("trend"), 1e-12);
        model.InitialSeasonals.Should().Equal(initial.Numbers("seasonal"), (a, b) => Math.Abs(a - b) < 1e-12);
        model.Alpha.Should().BeApproximately(sm.Number("alpha"), HoltWintersWeightTolerance);
        model.Beta.Should().BeApproximately(sm.Number("beta"), HoltWintersWeightTolerance);
        model.Gamma.Should().BeApproximately(sm.Number("gamma"), HoltWintersWeightTolerance);
        model.Sse.Should().BeApproximately(sm.Number("sse"), HoltWintersSseRelativeTolerance * sm.Number("sse"));

        var forecast = model.Forecast(24);
        StatsmodelsReference.MaxAbsDifference(forecast, sm.Numbers("forecast_from_states")).Should().BeLessThan(HoltWintersForecastTolerance);

        // statsmodels 0.13.5's own forecast() agrees before h = season, where it reuses an older seasonal state.
        StatsmodelsReference.MaxAbsDifference(forecast[..(season - 1)], sm.Numbers("forecast")[..(season - 1)]).Should().BeLessThan(HoltWintersForecastTolerance);
    }
}
