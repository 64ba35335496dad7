using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class LoadProfileStatisticsTests
{
    private static readonly DateOnly Monday = new(2018, 10, 29);

    [Fact]
    public void A_flat_household_using_half_as_much_at_weekends_has_the_expected_summary()
    {
        var week = Enumerable.Range(0, 7 * 96).Select(i => i / 96 < 5 ? 1.0 : 0.5).ToArray();

        var summary = LoadProfileStatistics.Summarise([week], Monday);

        summary.Households.Should().Be(1);
        summary.Days.Should().Be(7);
        summary.DailyEnergyKWh.Mean.Should().BeApproximately(((5 * 96) + (2 * 48)) / 7.0, 1e-12);
        summary.MeanDailyPeakToAverage.Should().BeApproximately(1, 1e-12);
        summary.WeekdayWeekendRatio.Should().BeApproximately(2, 1e-12);
        summary.WeekdayHourlyProfile.Should().HaveCount(24).And.OnlyContain(v => Math.Abs(v - 1) < 1e-12);
        summary.WeekendHourlyProfile.Should().HaveCount(24).And.OnlyContain(v => Math.Abs(v - 1) < 1e-12);
        summary.AggregateDailyPeakToAverage.Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void One_quarter_hour_holding_the_whole_day_has_peak_to_average_96()
    {
        var day = new double[96];
        day[40] = 3;

        LoadProfileStatistics.Summarise([day], Monday).MeanDailyPeakToAverage.Should().BeApproximately(96, 1e-12);
    }

    [Fact]
    public void Days_without_energy_do_not_count_in_the_peak_to_average_ratio()
    {
        var twoDays = new double[2 * 96];
        twoDays[5] = 1;
        twoDays[6] = 1;

        LoadProfileStatistics.Summarise([twoDays], Monday).MeanDailyPeakToAverage.Should().BeApproximately(48, 1e-12);
    }

    [Fact]
    public void Quantiles_follow_the_R7_definition()
    {
        var summary = LoadProfileStatistics.Describe([.. Enumerable.Range(1, 10).Select(i => (double)i)]);

        summary.Should().Be(new DistributionSummary(5.5, 5.5, 1.9, 9.1));
    }

    [Fact]
    public void Autocorrelation_uses_the_overall_mean_and_variance()
    {
        LoadProfileStatistics.Lag1Autocorrelation([1, -1, 1, -1]).Should().BeApproximately(-0.75, 1e-12);
        LoadProfileStatistics.Autocorrelation([1, -1, 1, -1], 2).Should().BeApproximately(0.5, 1e-12);
        double.IsNaN(LoadProfileStatistics.Lag1Autocorrelation([2, 2, 2])).Should().BeTrue();
    }

    [Fact]
    public void Series_of_partial_days_or_different_lengths_are_rejected()
    {
        var partial = () => LoadProfileStatistics.Summarise([new double[95]], Monday);
        var uneven = () => LoadProfileStatistics.Summarise([new double[96], new double[192]], Monday);

        partial.Should().Throw<ArgumentException>();
        uneven.Should().Throw<ArgumentException>();
    }
}
