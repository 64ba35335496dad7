namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// EN 50160:2010 compliance of a low-voltage supply from meter series. Voltage (4.2.2): in each week 95 %
/// of the 10-minute RMS values of each phase within nominal ±10 %, and all within +10/-15 %, periods of
/// supply interruption left out. THD (4.2.5): 95 % of a week's 10-minute values at most 8 %. Unbalance
/// (4.2.4): 95 % of a week's 10-minute values at most 2 %. Frequency (4.2.1): 99.5 % within ±1 % and all
/// within +4/-6 %, judged here over the whole series given (the standard says a year). 10-minute values
/// are clock-aligned, the quadratic mean of the samples in them (IEC 61000-4-30). Weeks run from
/// <c>weekStart</c>, by default the start of the first 10-minute window.
/// </summary>
public static class En50160Compliance
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Judges the series week by week.</summary>
    /// <param name="voltage">Phase-to-neutral RMS voltage, one channel per phase.</param>
    /// <param name="frequency">Frequency (ideally 10-second means), or null.</param>
    /// <param name="thdPercent">Voltage THD in %, one channel per phase, or null.</param>
    /// <param name="thresholds">The limits; EN 50160 defaults when null.</param>
    /// <param name="weekStart">The start of the first observation week; the first 10-minute window when null.</param>
    /// <exception cref="AnalyticsInputException">A series holds no valid sample or a negative value, or the thresholds are invalid.</exception>
    public static En50160ComplianceReport Assess(
        SampledSeries voltage,
        SampledSeries? frequency = null,
        SampledSeries? thdPercent = null,
        PowerQualityThresholds? thresholds = null,
        DateTimeOffset? weekStart = null)
    {
        var t = PowerQualityThresholds.Prepare(thresholds, voltage, nameof(voltage));
        frequency?.RequireNonNegative(nameof(frequency));
        thdPercent?.RequireNonNegative(nameof(thdPercent));

        var values = TenMinuteAggregator.Aggregate(voltage);
        if (values.Count == 0)
        {
            throw new AnalyticsInputException("the voltage series holds no valid sample", nameof(voltage));
        }

        var aggregated = TenMinuteAggregator.CanAggregate(voltage);
        var coverageStart = aggregated ? TenMinuteAggregator.WindowStart(voltage.Times[0]) : voltage.Times[0];
        var lastEnd = voltage.EndOf(voltage.Count - 1);
        var coverageEnd = aggregated ? TenMinuteAggregator.WindowStart(lastEnd - TimeSpan.FromTicks(1)) + TenMinuteAggregator.Window : lastEnd;
        var anchor = weekStart ?? values[0].Start;
        var interruptions = En50160EventDetector.FindInterruptions(voltage, t)
            .Select(e => (Start: voltage.Times[e.First], End: voltage.EndOf(e.Last)))
            .ToList();
        var thdValues = thdPercent is null ? null : TenMinuteAggregator.Aggregate(thdPercent);

        var firstWeek = WeekIndex(values[0].Start, anchor);
        var lastWeek = WeekIndex(values[^1].Start, anchor);
        var weeks = new List<WeeklyCompliance>();
        for (var k = firstWeek; k <= lastWeek; k++)
        {
            var start = anchor + (Week * k);
            var end = start + Week;
            var inWeek = values.Where(v => v.Start >= start && v.Start < end).ToList();
            var kept = inWeek.Where(v => !interruptions.Any(i => i.Start < v.End && v.Start < i.End)).ToList();
            var phases = Enumerable.Range(0, voltage.ChannelCount).Select(c => JudgePhase(c, kept, t)).ToList();
            var thd = thdValues is null
                ? null
                : JudgeLimit(thdValues.Where(v => v.Start >= start && v.Start < end).Select(v => v.Values).ToList(), t.ThdLimitPercent, t);
            var unbalance = voltage.ChannelCount != 3
                ? null
                : JudgeLimit(
                    kept.Select(v => new[] { VoltageUnbalance.PhaseApproximation(v.Values[0], v.Values[1], v.Values[2]) })
                        .Where(u => !double.IsNaN(u[0]))
                        .ToList(),
                    t.UnbalanceLimitPercent,
                    t);
            var compliant = phases.All(p => p.Compliant) && (thd?.Compliant ?? true) && (unbalance?.Compliant ?? true);
            weeks.Add(new WeeklyCompliance(start, end, start >= coverageStart && end <= coverageEnd, inWeek.Count - kept.Count,
                phases, thd, unbalance, compliant));
        }

        var frequencyResult = frequency is null ? null : JudgeFrequency(frequency, t);
        var complete = weeks.Where(w => w.IsComplete).ToList();
        bool? overall = complete.Count == 0 ? null : complete.All(w => w.Compliant) && (frequencyResult?.Compliant ?? true);
        return new En50160ComplianceReport(aggregated, weeks, frequencyResult, overall);
    }

    private static long WeekIndex(DateTimeOffset time, DateTimeOffset anchor) =>
        (long)Math.Floor((time - anchor).Ticks / (double)Week.Ticks);

    private static PhaseCompliance JudgePhase(int phase, List<AggregatedValue> kept, PowerQualityThresholds t)
    {
        var values = kept.Select(v => v.Values[phase]).ToList();
        if (values.Count == 0)
        {
            return new PhaseCompliance(phase, 0, double.NaN, double.NaN, double.NaN, false, false);
        }

        var low = t.Volts(100 - t.VoltageBandPercent);
        var high = t.Volts(100 + t.VoltageBandPercent);
        var share = 100.0 * values.Count(v => v >= low && v <= high) / values.Count;
        var min = values.Min();
        var max = values.Max();
        var withinAbsolute = min >= t.Volts(100 - t.VoltageAbsoluteLowPercent) && max <= t.Volts(100 + t.VoltageAbsoluteHighPercent);
        return new PhaseCompliance(phase, values.Count, share, min, max, withinAbsolute, withinAbsolute && share >= t.VoltageBandSharePercent);
    }

    private static LimitCompliance JudgeLimit(List<double[]> values, double limit, PowerQualityThresholds t)
    {
        if (values.Count == 0)
        {
            return new LimitCompliance(0, double.NaN, double.NaN, false);
        }

        var channels = values[0].Length;
        var worst = Enumerable.Range(0, channels).Min(c => 100.0 * values.Count(v => v[c] <= limit) / values.Count);
        var max = values.Max(v => v.Max());
        return new LimitCompliance(values.Count * channels, worst, max, worst >= t.WeeklySharePercent);
    }

    private static FrequencyCompliance JudgeFrequency(SampledSeries frequency, PowerQualityThresholds t)
    {
        var values = Enumerable.Range(0, frequency.Count).Where(i => !frequency.IsMissing(i)).Select(i => frequency[0, i]).ToList();
        if (values.Count == 0)
        {
            return new FrequencyCompliance(0, double.NaN, double.NaN, double.NaN, false, false);
        }

        var f = t.NominalFrequency;
        var low = f * (100 - t.FrequencyBandPercent) / 100;
        var high = f * (100 + t.FrequencyBandPercent) / 100;
        var share = 100.0 * values.Count(v => v >= low && v <= high) / values.Count;
        var min = values.Min();
        var max = values.Max();
        var withinAbsolute = min >= f * (100 - t.FrequencyAbsoluteLowPercent) / 100 && max <= f * (100 + t.FrequencyAbsoluteHighPercent) / 100;
        return new FrequencyCompliance(values.Count, share, min, max, withinAbsolute, withinAbsolute && share >= t.FrequencyBandSharePercent);
    }
}
