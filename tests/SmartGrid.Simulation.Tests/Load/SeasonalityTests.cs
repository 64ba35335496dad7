using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class SeasonalityTests
{
    [Fact]
    public void The_seasonal_factor_is_one_at_the_reference_flat_above_the_heating_limit_and_bounded_below()
    {
        var parameters = TestParameters.TwoArchetypes;
        var model = new HouseholdLoadModel(parameters, 1);
        for (var a = 0; a < parameters.Archetypes.Length; a++)
        {
            model.SeasonalFactor(a, parameters.ReferenceTemperatureC).Should().BeApproximately(1, 1e-12);
            model.SeasonalFactor(a, 30).Should().Be(model.SeasonalFactor(a, parameters.HeatingLimitC));
            model.SeasonalFactor(a, 30).Should().BeGreaterThanOrEqualTo(parameters.MinimumSeasonalFactor);
            model.SeasonalFactor(a, -10).Should().BeGreaterThan(model.SeasonalFactor(a, 0));
        }
    }

    [Fact]
    public void Climatology_interpolates_the_monthly_normals_between_mid_months()
    {
        var climate = TestParameters.TwoArchetypes.Climate;
        var source = new ClimatologyTemperatureSource(climate, 1);

        source.NormalC(new DateOnly(2025, 1, 16)).Should().Be(climate.MonthlyMeanC[0]);
        source.NormalC(new DateOnly(2025, 7, 16)).Should().Be(climate.MonthlyMeanC[6]);
        source.NormalC(new DateOnly(2025, 1, 1)).Should().BeApproximately(climate.MonthlyMeanC[11] + ((climate.MonthlyMeanC[0] - climate.MonthlyMeanC[11]) * 16 / 31), 1e-12);
    }

    [Fact]
    public void The_weather_anomaly_is_fleet_wide_seeded_and_has_the_calibrated_spread_within_15_percent()
    {
        var climate = TestParameters.TwoArchetypes.Climate;
        var source = new ClimatologyTemperatureSource(climate, 5);
        var days = Enumerable.Range(0, 20 * 365).Select(d => new DateOnly(2000, 1, 1).AddDays(d)).ToList();
        var anomalies = days.Select(source.AnomalyC).ToList();
        var sd = Math.Sqrt(anomalies.Average(a => a * a));

        sd.Should().BeApproximately(climate.AnomalySdC, 0.15 * climate.AnomalySdC);
        new ClimatologyTemperatureSource(climate, 5).AnomalyC(days[100]).Should().Be(anomalies[100]);
        new ClimatologyTemperatureSource(climate, 6).AnomalyC(days[100]).Should().NotBe(anomalies[100]);
    }
}
