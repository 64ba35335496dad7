using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

public sealed class En50160ComplianceTests
{
    private const int WeekOfTenMinutes = 7 * 24 * 6;

    private static SampledSeries TenMinutes(params IReadOnlyList<double>[] phases) =>
        SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(10), phases);

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void Ninety_five_percent_of_a_weeks_values_must_lie_within_10_percent(int outside, bool compliant)
    {
        // 200 V is outside ±10 % (207 V) but within -15 % (195.5 V): 50 of 1008 is 4.96 %, 51 is 5.06 %.
        var report = En50160Compliance.Assess(TenMinutes(Series.With(WeekOfTenMinutes, 230, 100, outside, 200)));

        var week = report.Weeks.Should().ContainSingle().Subject;
        week.IsComplete.Should().BeTrue();
        week.Phases[0].Values.Should().Be(WeekOfTenMinutes);
        week.Phases[0].ShareWithinBandPercent.Should().BeApproximately(100.0 * (WeekOfTenMinutes - outside) / WeekOfTenMinutes, 1e-9);
        week.Compliant.Should().Be(compliant);
        report.Compliant.Should().Be(compliant);
    }

    [Theory]
    [InlineData(195.5, true)]
    [InlineData(195.49, false)]
    [InlineData(253.0, true)]
    [InlineData(253.01, false)]
    public void Every_value_must_lie_within_plus_10_minus_15_percent(double value, bool compliant)
    {
        var report = En50160Compliance.Assess(TenMinutes(Series.With(WeekOfTenMinutes, 230, 7, 1, value)));

        report.Weeks[0].Phases[0].WithinAbsoluteLimits.Should().Be(compliant);
        report.Compliant.Should().Be(compliant);
    }

    [Fact]
    public void Ten_minute_values_are_clock_aligned_quadratic_means()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 5, 0, TimeSpan.Zero);
        var values = Enumerable.Range(0, 20).Select(i => i is < 5 or >= 15 ? 230.0 : i % 2 == 0 ? 220.0 : 240.0).ToArray();

        var report = En50160Compliance.Assess(SampledSeries.Regular(start, TimeSpan.FromMinutes(1), values));

        var phase = report.Weeks[0].Phases[0];
        phase.Values.Should().Be(3, "00:05-00:10, 00:10-00:20 and 00:20-00:25 are three clock windows");
        phase.Maximum.Should().BeApproximately(Math.Sqrt(((220.0 * 220.0) + (240.0 * 240.0)) / 2), 1e-9);
        phase.Minimum.Should().Be(230.0);
        report.TenMinuteAggregation.Should().BeTrue();
        report.Weeks[0].IsComplete.Should().BeFalse();
        report.Compliant.Should().BeNull("no week is complete");
    }

    [Fact]
    public void Values_overlapping_an_interruption_are_left_out()
    {
        var minutes = Series.With(WeekOfTenMinutes * 10, 230, 1000, 30, 0);

        var report = En50160Compliance.Assess(Series.Minutes(minutes));

        report.Weeks[0].ExcludedValues.Should().Be(3);
        report.Weeks[0].Phases[0].Values.Should().Be(WeekOfTenMinutes - 3);
        report.Compliant.Should().BeTrue();
    }

    [Fact]
    public void A_fifteen_minute_series_is_judged_sample_by_sample()
    {
        var series = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(15), Enumerable.Repeat(230.0, 7 * 96).ToArray());

        var report = En50160Compliance.Assess(series);

        report.TenMinuteAggregation.Should().BeFalse();
        report.Weeks.Should().ContainSingle().Which.Phases[0].Values.Should().Be(7 * 96);
        report.Compliant.Should().BeTrue();
    }

    [Theory]
    [InlineData(5, 49.4, true)]
    [InlineData(6, 49.4, false)]
    [InlineData(1, 46.99, false)]
    public void Frequency_must_lie_within_1_percent_for_99_5_percent_and_within_plus4_minus6_always(int outside, double value, bool compliant)
    {
        var frequency = SampledSeries.Regular(Series.T0, TimeSpan.FromSeconds(10), Series.With(1000, 50, 10, outside, value));
        var voltage = TenMinutes(Enumerable.Repeat(230.0, WeekOfTenMinutes).ToArray());

        var report = En50160Compliance.Assess(voltage, frequency);

        report.Frequency!.Values.Should().Be(1000);
        report.Frequency.ShareWithinBandPercent.Should().BeApproximately(100.0 - (outside / 10.0), 1e-9);
        report.Frequency.Compliant.Should().Be(compliant);
        report.Compliant.Should().Be(compliant);
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void THD_must_be_at_most_8_percent_for_95_percent_of_the_week(int above, bool compliant)
    {
        var voltage = TenMinutes(Enumerable.Repeat(230.0, WeekOfTenMinutes).ToArray());
        var thd = TenMinutes(Series.With(WeekOfTenMinutes, 3, 0, above, 8.5));

        var report = En50160Compliance.Assess(voltage, thdPercent: thd);

        report.Weeks[0].Thd!.Maximum.Should().Be(8.5);
        report.Weeks[0].Thd!.Compliant.Should().Be(compliant);
        report.Compliant.Should().Be(compliant);
    }

    [Fact]
    public void Three_phase_supplies_are_judged_on_unbalance()
    {
        var balanced = Enumerable.Repeat(230.0, WeekOfTenMinutes).ToArray();
        var high = Enumerable.Repeat(240.0, WeekOfTenMinutes).ToArray();
        var low = Enumerable.Repeat(220.0, WeekOfTenMinutes).ToArray();

        var ok = En50160Compliance.Assess(TenMinutes(balanced, balanced, balanced));
        var unbalanced = En50160Compliance.Assess(TenMinutes(high, balanced, low));

        ok.Weeks[0].Unbalance!.Maximum.Should().Be(0);
        ok.Compliant.Should().BeTrue();
        unbalanced.Weeks[0].Unbalance!.Maximum.Should().BeApproximately(Math.Sqrt(300) / 690 * 100, 1e-9);
        unbalanced.Weeks[0].Phases.Should().OnlyContain(p => p.Compliant, "each phase alone is within ±10 %");
        unbalanced.Compliant.Should().BeFalse("2.51 % unbalance exceeds 2 %");
    }

    [Fact]
    public void Weeks_run_from_the_given_start()
    {
        var series = TenMinutes(Enumerable.Repeat(230.0, 2 * WeekOfTenMinutes).ToArray());

        var report = En50160Compliance.Assess(series, weekStart: Series.T0.AddDays(3));

        report.Weeks.Select(w => w.IsComplete).Should().Equal(false, true, false);
        report.Weeks[1].Start.Should().Be(Series.T0.AddDays(3));
        report.Compliant.Should().BeTrue();
    }
}
