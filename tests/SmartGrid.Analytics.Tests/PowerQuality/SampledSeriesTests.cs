using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

public sealed class SampledSeriesTests
{
    [Fact]
    public void Unsorted_timestamps_are_rejected_naming_the_sample()
    {
        var times = new[] { Series.T0, Series.T0.AddMinutes(2), Series.T0.AddMinutes(1) };

        var act = () => SampledSeries.Single(times, [230, 230, 230]);

        act.Should().Throw<AnalyticsInputException>().WithMessage("*strictly increasing*sample 2*");
    }

    [Fact]
    public void Empty_series_and_channels_of_the_wrong_length_are_rejected()
    {
        ((Action)(() => SampledSeries.Single([], []))).Should().Throw<AnalyticsInputException>().WithMessage("*no samples*");
        ((Action)(() => new SampledSeries([Series.T0, Series.T0.AddMinutes(1)], [[1.0, 2.0], [1.0]])))
            .Should().Throw<AnalyticsInputException>().WithMessage("*channel 1 holds 1 values for 2 timestamps*");
        ((Action)(() => SampledSeries.Single([Series.T0], [230.0])))
            .Should().Throw<AnalyticsInputException>().WithMessage("*sample interval*");
    }

    [Fact]
    public void Infinity_is_rejected_but_NaN_is_a_missing_sample()
    {
        ((Action)(() => Series.Minutes(230, double.PositiveInfinity))).Should().Throw<AnalyticsInputException>().WithMessage("*infinite*");

        var series = Series.Minutes(230, double.NaN, 230);

        series.IsMissing(1).Should().BeTrue();
        series.IsMissing(0).Should().BeFalse();
        series.MissingIntervals().Should().Be(1);
    }

    [Fact]
    public void Interval_is_the_median_step_and_longer_steps_are_gaps()
    {
        var times = new[] { 0, 1, 2, 5, 6 }.Select(m => Series.T0.AddMinutes(m)).ToArray();

        var series = SampledSeries.Single(times, [1, 1, 1, 1, 1]);

        series.SampleInterval.Should().Be(TimeSpan.FromMinutes(1));
        series.IsGapBefore(3).Should().BeTrue();
        series.IsGapBefore(4).Should().BeFalse();
        series.MissingIntervals().Should().Be(2);
    }

    [Fact]
    public void Samples_closer_than_half_an_interval_are_rejected()
    {
        var times = new[] { Series.T0, Series.T0.AddSeconds(20) };

        var act = () => SampledSeries.Single(times, [1, 1], TimeSpan.FromMinutes(1));

        act.Should().Throw<AnalyticsInputException>().WithMessage("*less than half the sample interval*");
    }
}
