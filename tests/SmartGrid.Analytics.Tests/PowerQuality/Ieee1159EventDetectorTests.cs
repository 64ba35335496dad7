using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

public sealed class Ieee1159EventDetectorTests
{
    private const double Sag = 0.89 * 230;

    [Theory]
    [InlineData(6, PowerQualityEventKind.Dip, PowerQualityDuration.Instantaneous, "2.1.1")]
    [InlineData(7, PowerQualityEventKind.Dip, PowerQualityDuration.Momentary, "2.2.2")]
    [InlineData(30, PowerQualityEventKind.Dip, PowerQualityDuration.Momentary, "2.2.2")]
    [InlineData(31, PowerQualityEventKind.Dip, PowerQualityDuration.Temporary, "2.3.2")]
    public void Sags_are_instantaneous_up_to_30_cycles_and_momentary_up_to_3_seconds(
        int tenthsOfSecond, PowerQualityEventKind kind, PowerQualityDuration duration, string clause)
    {
        var voltage = SampledSeries.Regular(Series.T0, TimeSpan.FromMilliseconds(100), Series.With(tenthsOfSecond + 4, 230, 2, tenthsOfSecond, Sag));

        var e = Ieee1159EventDetector.DetectVoltageEvents(voltage).Should().ContainSingle().Subject;

        e.Standard.Should().Be(PowerQualityStandard.Ieee1159);
        e.Kind.Should().Be(kind);
        e.DurationClass.Should().Be(duration);
        e.Classification.Should().Contain(clause);
    }

    [Theory]
    [InlineData(60, PowerQualityEventKind.Dip, "2.3.2 temporary sag")]
    [InlineData(61, PowerQualityEventKind.Undervoltage, "3.2 undervoltage")]
    public void A_sag_longer_than_a_minute_is_an_undervoltage(int seconds, PowerQualityEventKind kind, string text)
    {
        var voltage = Series.Seconds(Series.With(seconds + 4, 230, 2, seconds, Sag));

        Ieee1159EventDetector.DetectVoltageEvents(voltage).Should().ContainSingle().Which.Should()
            .Match<PowerQualityEvent>(e => e.Kind == kind && e.Classification.Contains(text));
    }

    [Theory]
    [InlineData(1, PowerQualityEventKind.Swell, PowerQualityDuration.Temporary)]
    [InlineData(2, PowerQualityEventKind.Overvoltage, PowerQualityDuration.Sustained)]
    public void A_swell_longer_than_a_minute_is_an_overvoltage(int minutes, PowerQualityEventKind kind, PowerQualityDuration duration)
    {
        var voltage = Series.Minutes(Series.With(minutes + 2, 230, 1, minutes, 1.11 * 230));

        var e = Ieee1159EventDetector.DetectVoltageEvents(voltage).Should().ContainSingle().Subject;

        e.Kind.Should().Be(kind);
        e.DurationClass.Should().Be(duration);
    }

    [Theory]
    [InlineData(253.0, 0)]
    [InlineData(253.01, 1)]
    [InlineData(207.0, 0)]
    [InlineData(206.99, 1)]
    public void Thresholds_are_strict_at_0_9_and_1_1_pu(double value, int expected)
    {
        Ieee1159EventDetector.DetectVoltageEvents(Series.Minutes(230, value, 230)).Should().HaveCount(expected);
    }

    [Theory]
    [InlineData(3, PowerQualityDuration.Momentary, "2.2.1")]
    [InlineData(4, PowerQualityDuration.Temporary, "2.3.1")]
    [InlineData(60, PowerQualityDuration.Temporary, "2.3.1")]
    [InlineData(61, PowerQualityDuration.Sustained, "3.1 sustained")]
    public void Interruptions_below_0_1_pu_are_momentary_temporary_or_sustained(int seconds, PowerQualityDuration duration, string clause)
    {
        var voltage = Series.Seconds(Series.With(seconds + 4, 230, 2, seconds, 22.9));

        var e = Ieee1159EventDetector.DetectVoltageEvents(voltage).Should().ContainSingle().Subject;

        e.Kind.Should().Be(PowerQualityEventKind.Interruption);
        e.DurationClass.Should().Be(duration);
        e.Classification.Should().Contain(clause);
    }

    [Fact]
    public void Exactly_0_1_pu_is_a_sag_not_an_interruption()
    {
        Ieee1159EventDetector.DetectVoltageEvents(Series.Seconds(230, 23, 230)).Should().ContainSingle()
            .Which.Kind.Should().Be(PowerQualityEventKind.Dip);
    }

    [Fact]
    public void Ten_minute_values_below_0_9_pu_are_an_undervoltage()
    {
        var voltage = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(10), [230, 200, 230]);

        var e = Ieee1159EventDetector.DetectVoltageEvents(voltage).Should().ContainSingle().Subject;

        e.Kind.Should().Be(PowerQualityEventKind.Undervoltage);
        e.Duration.Should().Be(TimeSpan.FromMinutes(10));
    }
}
