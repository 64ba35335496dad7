namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// RMS variations as IEEE Std 1159-2019 (Table 2) categorises them, measured with the hysteresis of IEC
/// 61000-4-30 on an RMS series of any sample interval. Interruptions (every phase below 0.1 pu) are
/// momentary up to 3 s, temporary up to 1 min, sustained beyond. Sags (below 0.9 pu) and swells (above
/// 1.1 pu) are instantaneous up to 30 cycles, momentary up to 3 s, temporary up to 1 min; beyond a
/// minute they are the long-duration undervoltage and overvoltage. A sag that holds an interruption is
/// reported as the interruption only. Boundaries belong to the shorter class (3 s exactly is momentary).
/// </summary>
public static class Ieee1159EventDetector
{
    /// <summary>Finds interruptions, sags, swells, undervoltages and overvoltages in a voltage series (one channel per phase).</summary>
    /// <exception cref="AnalyticsInputException">A voltage is negative or the thresholds are invalid.</exception>
    public static IReadOnlyList<PowerQualityEvent> DetectVoltageEvents(SampledSeries voltage, PowerQualityThresholds? thresholds = null)
    {
        var t = PowerQualityThresholds.Prepare(thresholds, voltage, nameof(voltage));
        var pu = t.NominalVoltage;
        var hysteresis = t.HysteresisPercent / 100.0;

        var interruptions = ExcursionScanner.Scan(
            voltage, ExcursionDirection.Below, true, pu * t.IeeeInterruptionThresholdPu, pu * (t.IeeeInterruptionThresholdPu + hysteresis));
        var sags = ExcursionScanner.WithoutOverlaps(
            ExcursionScanner.Scan(voltage, ExcursionDirection.Below, false, pu * t.SagThresholdPu, pu * (t.SagThresholdPu + hysteresis)),
            interruptions);
        var swells = ExcursionScanner.Scan(
            voltage, ExcursionDirection.Above, false, pu * t.IeeeSwellThresholdPu, pu * (t.IeeeSwellThresholdPu - hysteresis));

        var events = new List<PowerQualityEvent>();
        foreach (var e in interruptions)
        {
            var duration = ClassOf(ExcursionScanner.DurationOf(voltage, e), t, allowInstantaneous: false);
            var text = duration switch
            {
                PowerQualityDuration.Momentary => "IEEE 1159 2.2.1 momentary interruption",
                PowerQualityDuration.Temporary => "IEEE 1159 2.3.1 temporary interruption",
                _ => "IEEE 1159 3.1 sustained interruption",
            };
            events.Add(Event(voltage, e, PowerQualityEventKind.Interruption, duration, text, t));
        }

        foreach (var e in sags)
        {
            var duration = ClassOf(ExcursionScanner.DurationOf(voltage, e), t, allowInstantaneous: true);
            var (kind, text) = duration switch
            {
                PowerQualityDuration.Instantaneous => (PowerQualityEventKind.Dip, "IEEE 1159 2.1.1 instantaneous sag"),
                PowerQualityDuration.Momentary => (PowerQualityEventKind.Dip, "IEEE 1159 2.2.2 momentary sag"),
                PowerQualityDuration.Temporary => (PowerQualityEventKind.Dip, "IEEE 1159 2.3.2 temporary sag"),
                _ => (PowerQualityEventKind.Undervoltage, "IEEE 1159 3.2 undervoltage"),
            };
            events.Add(Event(voltage, e, kind, duration, text, t));
        }

        foreach (var e in swells)
        {
            var duration = ClassOf(ExcursionScanner.DurationOf(voltage, e), t, allowInstantaneous: true);
            var (kind, text) = duration switch
            {
                PowerQualityDuration.Instantaneous => (PowerQualityEventKind.Swell, "IEEE 1159 2.1.2 instantaneous swell"),
                PowerQualityDuration.Momentary => (PowerQualityEventKind.Swell, "IEEE 1159 2.2.3 momentary swell"),
                PowerQualityDuration.Temporary => (PowerQualityEventKind.Swell, "IEEE 1159 2.3.3 temporary swell"),
                _ => (PowerQualityEventKind.Overvoltage, "IEEE 1159 3.3 overvoltage"),
            };
            events.Add(Event(voltage, e, kind, duration, text, t));
        }

        return En50160EventDetector.Ordered(events);
    }

    private static PowerQualityEvent Event(
        SampledSeries voltage, Excursion e, PowerQualityEventKind kind, PowerQualityDuration duration, string text, PowerQualityThresholds t) =>
        ExcursionScanner.ToEvent(voltage, e, PowerQualityStandard.Ieee1159, kind, duration, text,
            En50160EventDetector.Percent(e.Extreme, t.NominalVoltage));

    private static PowerQualityDuration ClassOf(TimeSpan duration, PowerQualityThresholds t, bool allowInstantaneous)
    {
        var instantaneous = TimeSpan.FromSeconds(t.InstantaneousLimitCycles / t.NominalFrequency);
        if (allowInstantaneous && duration <= instantaneous)
        {
            return PowerQualityDuration.Instantaneous;
        }

        if (duration <= t.MomentaryLimit)
        {
            return PowerQualityDuration.Momentary;
        }

        return duration <= t.SustainedLimit ? PowerQualityDuration.Temporary : PowerQualityDuration.Sustained;
    }
}
