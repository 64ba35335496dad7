namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// Voltage events as EN 50160:2010 defines them for low voltage (clause 4.3), measured by the method of
/// IEC 61000-4-30 on an RMS series of any sample interval: dips (start below 90 %, end at or above
/// 92 %), swells (start above 110 %, end at or below 108 %), and supply interruptions (every phase below
/// 5 %, end when a phase reaches 7 %), short up to 3 minutes and long beyond. A dip or interruption is
/// classified by its residual voltage and duration in the standard's table (cells A1..X5). A dip that holds
/// an interruption is reported as the interruption only. Frequency (4.2.1) and THD (4.2.5) excursions are
/// reported too. A series sampled every minute shows averages: a dip shorter than a sample is diluted or
/// invisible, and the residual voltage is an upper bound of the true one.
/// </summary>
public static class En50160EventDetector
{
    private static readonly TimeSpan[] DipColumns =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)];

    private static readonly string[] DipColumnNames = ["0.01-0.2 s", "0.2-0.5 s", "0.5-1 s", "1-5 s", "5-60 s"];

    private static readonly TimeSpan[] SwellColumns = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)];

    private static readonly string[] SwellColumnNames = ["0.01-0.5 s", "0.5-5 s", "5-60 s"];

    /// <summary>Finds dips, swells and interruptions in a voltage series (one channel per phase).</summary>
    /// <exception cref="AnalyticsInputException">A voltage is negative or the thresholds are invalid.</exception>
    public static IReadOnlyList<PowerQualityEvent> DetectVoltageEvents(SampledSeries voltage, PowerQualityThresholds? thresholds = null)
    {
        var t = PowerQualityThresholds.Prepare(thresholds, voltage, nameof(voltage));

        var interruptions = FindInterruptions(voltage, t);
        var dips = ExcursionScanner.WithoutOverlaps(
            ExcursionScanner.Scan(voltage, ExcursionDirection.Below, false, t.Volts(t.DipThresholdPercent), t.Volts(t.DipThresholdPercent + t.HysteresisPercent)),
            interruptions);
        var swells = ExcursionScanner.Scan(
            voltage, ExcursionDirection.Above, false, t.Volts(t.SwellThresholdPercent), t.Volts(t.SwellThresholdPercent - t.HysteresisPercent));

        var events = new List<PowerQualityEvent>();
        foreach (var e in interruptions)
        {
            var isShort = ExcursionScanner.DurationOf(voltage, e) <= t.ShortInterruptionLimit;
            var text = isShort
                ? $"EN 50160 short supply interruption (<= {t.ShortInterruptionLimit.TotalMinutes:0.##} min)"
                : $"EN 50160 long supply interruption (> {t.ShortInterruptionLimit.TotalMinutes:0.##} min)";
            events.Add(ExcursionScanner.ToEvent(voltage, e, PowerQualityStandard.En50160, PowerQualityEventKind.Interruption,
                isShort ? PowerQualityDuration.Short : PowerQualityDuration.Long, text, Percent(e.Extreme, t.NominalVoltage)));
        }

        foreach (var e in dips)
        {
            var residual = Percent(e.Extreme, t.NominalVoltage);
            var column = Column(ExcursionScanner.DurationOf(voltage, e), DipColumns);
            var (row, rowName) = DipRow(residual, t.DipThresholdPercent);
            var text = column < DipColumns.Length
                ? $"EN 50160 dip {row}{column + 1} (residual {rowName}, {DipColumnNames[column]})"
                : $"EN 50160 dip longer than 1 min (residual {rowName}): beyond the dip table, a supply voltage variation";
            events.Add(ExcursionScanner.ToEvent(voltage, e, PowerQualityStandard.En50160, PowerQualityEventKind.Dip,
                column < DipColumns.Length ? PowerQualityDuration.Short : PowerQualityDuration.Long, text, residual));
        }

        foreach (var e in swells)
        {
            var level = Percent(e.Extreme, t.NominalVoltage);
            var column = Column(ExcursionScanner.DurationOf(voltage, e), SwellColumns);
            var rowName = level >= 120 ? "u >= 120 %" : $"{t.SwellThresholdPercent:0.##} < u < 120 %";
            var text = column < SwellColumns.Length
                ? $"EN 50160 swell ({rowName}, {SwellColumnNames[column]})"
                : $"EN 50160 swell longer than 1 min ({rowName}): beyond the swell table, a supply voltage variation";
            events.Add(ExcursionScanner.ToEvent(voltage, e, PowerQualityStandard.En50160, PowerQualityEventKind.Swell,
                column < SwellColumns.Length ? PowerQualityDuration.Short : PowerQualityDuration.Long, text, level));
        }

        return Ordered(events);
    }

    /// <summary>
    /// Finds the periods the frequency left the ±1 % band (EN 50160 4.2.1, interconnected systems), and
    /// says whether it also left the +4/-6 % band it must never leave. No hysteresis: the standard
    /// defines none for frequency. The series should hold 10-second means.
    /// </summary>
    /// <exception cref="AnalyticsInputException">A frequency is negative or the thresholds are invalid.</exception>
    public static IReadOnlyList<PowerQualityEvent> DetectFrequencyDeviations(SampledSeries frequency, PowerQualityThresholds? thresholds = null)
    {
        var t = PowerQualityThresholds.Prepare(thresholds, frequency, nameof(frequency));
        var f = t.NominalFrequency;
        var low = f * (100 - t.FrequencyBandPercent) / 100;
        var high = f * (100 + t.FrequencyBandPercent) / 100;
        var absoluteLow = f * (100 - t.FrequencyAbsoluteLowPercent) / 100;
        var absoluteHigh = f * (100 + t.FrequencyAbsoluteHighPercent) / 100;

        var events = new List<PowerQualityEvent>();
        foreach (var e in ExcursionScanner.Scan(frequency, ExcursionDirection.Below, false, low, low))
        {
            var text = e.Extreme < absoluteLow
                ? $"EN 50160 frequency below -{t.FrequencyAbsoluteLowPercent:0.##} % (never allowed)"
                : $"EN 50160 frequency below -{t.FrequencyBandPercent:0.##} % (allowed {100 - t.FrequencyBandSharePercent:0.##} % of the time)";
            events.Add(ExcursionScanner.ToEvent(frequency, e, PowerQualityStandard.En50160, PowerQualityEventKind.FrequencyDeviation,
                PowerQualityDuration.None, text, Percent(e.Extreme, f)));
        }

        foreach (var e in ExcursionScanner.Scan(frequency, ExcursionDirection.Above, false, high, high))
        {
            var text = e.Extreme > absoluteHigh
                ? $"EN 50160 frequency above +{t.FrequencyAbsoluteHighPercent:0.##} % (never allowed)"
                : $"EN 50160 frequency above +{t.FrequencyBandPercent:0.##} % (allowed {100 - t.FrequencyBandSharePercent:0.##} % of the time)";
            events.Add(ExcursionScanner.ToEvent(frequency, e, PowerQualityStandard.En50160, PowerQualityEventKind.FrequencyDeviation,
                PowerQualityDuration.None, text, Percent(e.Extreme, f)));
        }

        return Ordered(events);
    }

    /// <summary>
    /// Finds the periods the voltage THD (in %, one channel per phase) was above the EN 50160 limit of 8 %
    /// (4.2.5; the standard allows it for 5 % of a week's 10-minute values, which the compliance report judges).
    /// </summary>
    /// <exception cref="AnalyticsInputException">A THD is negative or the thresholds are invalid.</exception>
    public static IReadOnlyList<PowerQualityEvent> DetectHarmonicDistortion(SampledSeries thdPercent, PowerQualityThresholds? thresholds = null)
    {
        var t = PowerQualityThresholds.Prepare(thresholds, thdPercent, nameof(thdPercent));
        return ExcursionScanner.Scan(thdPercent, ExcursionDirection.Above, false, t.ThdLimitPercent, t.ThdLimitPercent)
            .Select(e => ExcursionScanner.ToEvent(thdPercent, e, PowerQualityStandard.En50160, PowerQualityEventKind.HarmonicDistortion,
                PowerQualityDuration.None, $"EN 50160 voltage THD above {t.ThdLimitPercent:0.##} %", e.Extreme))
            .ToList();
    }

    internal static List<Excursion> FindInterruptions(SampledSeries voltage, PowerQualityThresholds t) =>
        ExcursionScanner.Scan(voltage, ExcursionDirection.Below, true, t.Volts(t.InterruptionThresholdPercent),
            t.Volts(t.InterruptionThresholdPercent + t.HysteresisPercent));

    internal static double Percent(double value, double nominal) => value * 100.0 / nominal;

    internal static List<PowerQualityEvent> Ordered(List<PowerQualityEvent> events) =>
        events.OrderBy(e => e.Start).ThenBy(e => e.Kind).ToList();

    private static int Column(TimeSpan duration, TimeSpan[] upperBounds)
    {
        var column = 0;
        while (column < upperBounds.Length && duration > upperBounds[column])
        {
            column++;
        }

        return column;
    }

    private static (char Row, string Name) DipRow(double residualPercent, double dipThreshold) => residualPercent switch
    {
        >= 80 => ('A', $"{dipThreshold:0.##} > u >= 80 %"),
        >= 70 => ('B', "80 > u >= 70 %"),
        >= 40 => ('C', "70 > u >= 40 %"),
        >= 5 => ('D', "40 > u >= 5 %"),
        _ => ('X', "u < 5 %"),
    };
}
