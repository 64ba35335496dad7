using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

public sealed class En50160EventDetectorTests
{
    [Theory]
    [InlineData(207.0, 0)]
    [InlineData(206.99, 1)]
    public void A_dip_starts_only_below_90_percent(double value, int expected)
    {
        var events = En50160EventDetector.DetectVoltageEvents(Series.Minutes(Series.With(10, 230, 4, 1, value)));

        events.Should().HaveCount(expected);
        if (expected == 1)
        {
            var dip = events[0];
            dip.Kind.Should().Be(PowerQualityEventKind.Dip);
            dip.Start.Should().Be(Series.T0.AddMinutes(4));
            dip.Duration.Should().Be(TimeSpan.FromMinutes(1));
            dip.Extreme.Should().Be(206.99);
            dip.Classification.Should().Contain("A5");
            dip.DurationClass.Should().Be(PowerQualityDuration.Short);
            dip.Censored.Should().BeFalse();
        }
    }

    [Fact]
    public void A_dip_ends_only_at_92_percent_the_start_threshold_plus_hysteresis()
    {
        // 206 starts the dip; 211.5 (91.96 %) is above the start threshold but below the end one; 211.6 (92 %) ends it.
        var voltage = Series.Minutes(230, 206, 211.5, 211.5, 211.6, 206.5, 230, 230);

        var events = En50160EventDetector.DetectVoltageEvents(voltage);

        events.Should().HaveCount(2);
        events[0].Start.Should().Be(Series.T0.AddMinutes(1));
        events[0].Duration.Should().Be(TimeSpan.FromMinutes(3));
        events[0].Extreme.Should().Be(206);
        events[1].Start.Should().Be(Series.T0.AddMinutes(5));
        events[1].Duration.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(60, "A5", PowerQualityDuration.Short)]
    [InlineData(61, "longer than 1 min", PowerQualityDuration.Long)]
    [InlineData(5, "A4", PowerQualityDuration.Short)]
    [InlineData(6, "A5", PowerQualityDuration.Short)]
    [InlineData(1, "A3", PowerQualityDuration.Short)]
    public void Dip_duration_columns_follow_the_table(int seconds, string cell, PowerQualityDuration durationClass)
    {
        var events = En50160EventDetector.DetectVoltageEvents(Series.Seconds(Series.With(seconds + 4, 230, 2, seconds, 200)));

        events.Should().ContainSingle().Which.Classification.Should().Contain(cell);
        events[0].DurationClass.Should().Be(durationClass);
        events[0].Duration.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Dip_duration_columns_below_a_second_need_a_finer_series()
    {
        var voltage = SampledSeries.Regular(Series.T0, TimeSpan.FromMilliseconds(100), Series.With(12, 230, 2, 2, 200));

        En50160EventDetector.DetectVoltageEvents(voltage).Should().ContainSingle().Which.Classification.Should().Contain("A1");
    }

    [Theory]
    [InlineData(184.0, "A")]
    [InlineData(183.99, "B")]
    [InlineData(161.0, "B")]
    [InlineData(160.99, "C")]
    [InlineData(92.0, "C")]
    [InlineData(91.99, "D")]
    [InlineData(11.5, "D")]
    public void Dip_residual_rows_follow_the_table(double residual, string row)
    {
        var events = En50160EventDetector.DetectVoltageEvents(Series.Seconds(Series.With(10, 230, 2, 3, residual)));

        events.Should().ContainSingle().Which.Classification.Should().Contain($"dip {row}4");
    }

    [Fact]
    public void One_phase_below_5_percent_is_a_dip_in_row_X_not_an_interruption()
    {
        var voltage = SampledSeries.Regular(Series.T0, TimeSpan.FromSeconds(1),
            Series.With(10, 230, 2, 3, 10), Series.With(10, 230, 0, 0, 0), Series.With(10, 230, 0, 0, 0));

        var events = En50160EventDetector.DetectVoltageEvents(voltage);

        events.Should().ContainSingle();
        events[0].Kind.Should().Be(PowerQualityEventKind.Dip);
        events[0].Classification.Should().Contain("X4");
        events[0].Phase.Should().Be(0);
    }

    [Fact]
    public void A_polyphase_dip_starts_on_one_phase_and_ends_when_all_are_back()
    {
        var voltage = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(1),
            [230, 200, 230, 230, 230, 230],
            [230, 230, 230, 190, 230, 230],
            [230, 230, 210, 230, 230, 230]);

        var events = En50160EventDetector.DetectVoltageEvents(voltage);

        events.Should().ContainSingle();
        events[0].Start.Should().Be(Series.T0.AddMinutes(1));
        events[0].Duration.Should().Be(TimeSpan.FromMinutes(3), "the third phase at 210 V (91.3 %) is below the end threshold, so the dip goes on until every phase is back at minute 4");
        events[0].Extreme.Should().Be(190);
        events[0].Phase.Should().Be(1);
    }

    [Theory]
    [InlineData(3, PowerQualityDuration.Short)]
    [InlineData(4, PowerQualityDuration.Long)]
    public void Interruptions_are_short_up_to_3_minutes_and_long_beyond(int minutes, PowerQualityDuration expected)
    {
        var events = En50160EventDetector.DetectVoltageEvents(Series.Minutes(Series.With(minutes + 4, 230, 2, minutes, 11.49)));

        events.Should().ContainSingle();
        events[0].Kind.Should().Be(PowerQualityEventKind.Interruption);
        events[0].DurationClass.Should().Be(expected);
        events[0].Duration.Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Fact]
    public void A_dip_holding_an_interruption_is_reported_as_the_interruption_only()
    {
        // 100 V dip, then 0 V, then 15 V (below the 7 % end threshold, so still interrupted), then 100 V, then back.
        var voltage = Series.Minutes(230, 100, 0, 15, 100, 230);

        var events = En50160EventDetector.DetectVoltageEvents(voltage);

        events.Should().ContainSingle();
        events[0].Kind.Should().Be(PowerQualityEventKind.Interruption);
        events[0].Start.Should().Be(Series.T0.AddMinutes(2));
        events[0].Duration.Should().Be(TimeSpan.FromMinutes(2));
        events[0].Extreme.Should().Be(0);
    }

    [Fact]
    public void An_interruption_needs_every_phase_below_5_percent()
    {
        var twoPhasesDown = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(1), [230, 0, 230], [230, 0, 230], [230, 230, 230]);
        var allDown = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(1), [230, 0, 230], [230, 0, 230], [230, 11, 230]);

        En50160EventDetector.DetectVoltageEvents(twoPhasesDown).Should().ContainSingle().Which.Kind.Should().Be(PowerQualityEventKind.Dip);
        En50160EventDetector.DetectVoltageEvents(allDown).Should().ContainSingle().Which.Kind.Should().Be(PowerQualityEventKind.Interruption);
    }

    [Theory]
    [InlineData(253.0, 0)]
    [InlineData(253.01, 1)]
    public void A_swell_starts_only_above_110_percent(double value, int expected)
    {
        En50160EventDetector.DetectVoltageEvents(Series.Seconds(Series.With(10, 230, 3, 2, value))).Should().HaveCount(expected);
    }

    [Fact]
    public void A_swell_ends_at_108_percent_and_is_classified_by_level()
    {
        // 276 V is 120 %; 249 V (108.26 %) keeps the swell going; 248.4 V (108 %) ends it.
        var events = En50160EventDetector.DetectVoltageEvents(Series.Seconds(230, 276, 249, 248.4, 230));

        events.Should().ContainSingle();
        events[0].Kind.Should().Be(PowerQualityEventKind.Swell);
        events[0].Duration.Should().Be(TimeSpan.FromSeconds(2));
        events[0].Classification.Should().Contain("u >= 120 %").And.Contain("0.5-5 s");
        events[0].ExtremePercent.Should().BeApproximately(120, 1e-9);
    }

    [Fact]
    public void Events_at_the_edges_of_the_data_or_of_a_gap_are_censored()
    {
        var times = new[] { 0, 1, 2, 5, 6, 7 }.Select(m => Series.T0.AddMinutes(m)).ToArray();
        var voltage = SampledSeries.Single(times, [200, 230, 200, 200, 230, 200]);

        var events = En50160EventDetector.DetectVoltageEvents(voltage);

        events.Should().HaveCount(4);
        events.Should().OnlyContain(e => e.Censored);
        events[1].End.Should().Be(Series.T0.AddMinutes(3), "the dip is closed by the gap at the end of its last sample");
        events[2].Start.Should().Be(Series.T0.AddMinutes(5));
    }

    [Fact]
    public void A_missing_sample_splits_an_event()
    {
        var events = En50160EventDetector.DetectVoltageEvents(Series.Minutes(230, 200, double.NaN, 200, 230));

        events.Should().HaveCount(2);
        events.Should().OnlyContain(e => e.Censored && e.Duration == TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(49.5, 0, "")]
    [InlineData(49.49, 1, "allowed")]
    [InlineData(50.5, 0, "")]
    [InlineData(50.51, 1, "allowed")]
    [InlineData(47.0, 1, "allowed")]
    [InlineData(46.99, 1, "never")]
    [InlineData(52.0, 1, "allowed")]
    [InlineData(52.01, 1, "never")]
    public void Frequency_deviations_follow_the_1_percent_and_plus4_minus6_percent_bands(double value, int expected, string text)
    {
        var frequency = SampledSeries.Regular(Series.T0, TimeSpan.FromSeconds(10), Series.With(6, 50, 2, 1, value));

        var events = En50160EventDetector.DetectFrequencyDeviations(frequency);

        events.Should().HaveCount(expected);
        if (expected == 1)
        {
            events[0].Kind.Should().Be(PowerQualityEventKind.FrequencyDeviation);
            events[0].Classification.Should().Contain(text);
            events[0].Extreme.Should().Be(value);
        }
    }

    [Theory]
    [InlineData(8.0, 0)]
    [InlineData(8.01, 1)]
    public void THD_above_8_percent_is_an_event(double value, int expected)
    {
        var thd = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(10), Series.With(5, 3, 2, 2, value));

        var events = En50160EventDetector.DetectHarmonicDistortion(thd);

        events.Should().HaveCount(expected);
        if (expected == 1)
        {
            events[0].Duration.Should().Be(TimeSpan.FromMinutes(20));
        }
    }

    [Fact]
    public void Bad_input_is_named()
    {
        ((Action)(() => En50160EventDetector.DetectVoltageEvents(Series.Minutes(230, -1))))
            .Should().Throw<AnalyticsInputException>().WithMessage("*negative*");
        ((Action)(() => En50160EventDetector.DetectVoltageEvents(Series.Minutes(230, 230), new PowerQualityThresholds { NominalVoltage = 0 })))
            .Should().Throw<AnalyticsInputException>().WithMessage("*nominal voltage must be positive*");
        ((Action)(() => En50160EventDetector.DetectFrequencyDeviations(Series.Minutes(50, 50), new PowerQualityThresholds { NominalFrequency = -50 })))
            .Should().Throw<AnalyticsInputException>().WithMessage("*nominal frequency*");
        ((Action)(() => En50160EventDetector.DetectVoltageEvents(Series.Minutes(230, 230), new PowerQualityThresholds { DipThresholdPercent = 3 })))
            .Should().Throw<AnalyticsInputException>().WithMessage("*interruption < dip*");
    }
}
