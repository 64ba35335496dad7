namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// The limits power-quality detection uses, with the defaults of EN 50160:2010 (low voltage), IEEE Std
/// 1159-2019 and the event method of IEC/EN 61000-4-30. Percentages are of the nominal (declared)
/// voltage or frequency. <c>docs/POWER_QUALITY.md</c> names the clause behind each default.
/// </summary>
public sealed record PowerQualityThresholds
{
    /// <summary>The nominal (declared) phase-to-neutral voltage, 230 V (EN 60038).</summary>
    public double NominalVoltage { get; init; } = 230.0;

    /// <summary>The nominal frequency, 50 Hz.</summary>
    public double NominalFrequency { get; init; } = 50.0;

    /// <summary>Hysteresis of every voltage event threshold, 2 % (IEC 61000-4-30, "typically 2 %").</summary>
    public double HysteresisPercent { get; init; } = 2.0;

    /// <summary>EN 50160 dip start threshold, 90 %: a dip starts below it and ends at or above it plus the hysteresis.</summary>
    public double DipThresholdPercent { get; init; } = 90.0;

    /// <summary>EN 50160 swell start threshold, 110 %: a swell starts above it and ends at or below it minus the hysteresis.</summary>
    public double SwellThresholdPercent { get; init; } = 110.0;

    /// <summary>EN 50160 interruption threshold, 5 % (it was 1 % before the 2010 edition).</summary>
    public double InterruptionThresholdPercent { get; init; } = 5.0;

    /// <summary>EN 50160: an interruption of at most this long is short, a longer one long (3 minutes).</summary>
    public TimeSpan ShortInterruptionLimit { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>IEEE 1159 sag threshold, 0.9 pu.</summary>
    public double SagThresholdPu { get; init; } = 0.9;

    /// <summary>IEEE 1159 swell threshold, 1.1 pu.</summary>
    public double IeeeSwellThresholdPu { get; init; } = 1.1;

    /// <summary>IEEE 1159 interruption threshold, 0.1 pu.</summary>
    public double IeeeInterruptionThresholdPu { get; init; } = 0.1;

    /// <summary>IEEE 1159: an rms variation longer than this is a long-duration one (undervoltage,
    /// overvoltage, sustained interruption), 1 minute.</summary>
    public TimeSpan SustainedLimit { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>IEEE 1159: upper end of momentary, 3 s (temporary above it).</summary>
    public TimeSpan MomentaryLimit { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>IEEE 1159: upper end of instantaneous, 30 cycles of the nominal frequency.</summary>
    public double InstantaneousLimitCycles { get; init; } = 30.0;

    /// <summary>EN 50160 supply voltage variation band for 95 % of 10-minute values, ±10 %.</summary>
    public double VoltageBandPercent { get; init; } = 10.0;

    /// <summary>EN 50160: share of a week's 10-minute values that must lie in the ±10 % band, 95 %.</summary>
    public double VoltageBandSharePercent { get; init; } = 95.0;

    /// <summary>EN 50160: every 10-minute value must lie at or above nominal minus this, 15 %.</summary>
    public double VoltageAbsoluteLowPercent { get; init; } = 15.0;

    /// <summary>EN 50160: every 10-minute value must lie at or below nominal plus this, 10 %.</summary>
    public double VoltageAbsoluteHighPercent { get; init; } = 10.0;

    /// <summary>EN 50160 frequency band (interconnected systems), ±1 %.</summary>
    public double FrequencyBandPercent { get; init; } = 1.0;

    /// <summary>EN 50160: share of the period the frequency must lie in the ±1 % band, 99.5 %.</summary>
    public double FrequencyBandSharePercent { get; init; } = 99.5;

    /// <summary>EN 50160: the frequency must always stay at or above nominal minus this, 6 %.</summary>
    public double FrequencyAbsoluteLowPercent { get; init; } = 6.0;

    /// <summary>EN 50160: the frequency must always stay at or below nominal plus this, 4 %.</summary>
    public double FrequencyAbsoluteHighPercent { get; init; } = 4.0;

    /// <summary>EN 50160 total harmonic distortion limit, 8 % (up to the 40th harmonic).</summary>
    public double ThdLimitPercent { get; init; } = 8.0;

    /// <summary>EN 50160: share of a week's 10-minute values of THD and unbalance that must meet their limits, 95 %.</summary>
    public double WeeklySharePercent { get; init; } = 95.0;

    /// <summary>EN 50160 voltage unbalance limit (negative over positive sequence), 2 %.</summary>
    public double UnbalanceLimitPercent { get; init; } = 2.0;

    /// <summary>The thresholds as used when none are given.</summary>
    public static PowerQualityThresholds Default { get; } = new();

    /// <summary>The voltage of <paramref name="percent"/> % of nominal.</summary>
    public double Volts(double percent) => NominalVoltage * percent / 100.0;

    /// <summary>Checks that the thresholds make sense together.</summary>
    /// <exception cref="AnalyticsInputException">A threshold is not positive or the thresholds are out of order.</exception>
    public void Validate()
    {
        Require(NominalVoltage > 0 && double.IsFinite(NominalVoltage), $"the nominal voltage must be positive, not {NominalVoltage}");
        Require(NominalFrequency > 0 && double.IsFinite(NominalFrequency), $"the nominal frequency must be positive, not {NominalFrequency}");
        Require(HysteresisPercent >= 0, "the hysteresis must not be negative");
        Require(InterruptionThresholdPercent > 0 && InterruptionThresholdPercent < DipThresholdPercent && DipThresholdPercent < 100,
            "EN 50160 thresholds must satisfy 0 < interruption < dip < 100 %");
        Require(SwellThresholdPercent > 100 && SwellThresholdPercent - HysteresisPercent > 100,
            "the EN 50160 swell threshold less its hysteresis must stay above 100 %");
        Require(DipThresholdPercent + HysteresisPercent < 100, "the dip threshold plus its hysteresis must stay below 100 %");
        Require(IeeeInterruptionThresholdPu > 0 && IeeeInterruptionThresholdPu < SagThresholdPu && SagThresholdPu < 1,
            "IEEE 1159 thresholds must satisfy 0 < interruption < sag < 1 pu");
        Require(IeeeSwellThresholdPu > 1, "the IEEE 1159 swell threshold must be above 1 pu");
        Require(ShortInterruptionLimit > TimeSpan.Zero && SustainedLimit > TimeSpan.Zero && MomentaryLimit > TimeSpan.Zero
            && InstantaneousLimitCycles > 0, "duration limits must be positive");
        Require(VoltageBandPercent > 0 && FrequencyBandPercent > 0 && ThdLimitPercent > 0 && UnbalanceLimitPercent > 0,
            "bands and limits must be positive");
        Require(VoltageAbsoluteLowPercent > 0 && VoltageAbsoluteHighPercent > 0 && FrequencyAbsoluteLowPercent > 0
            && FrequencyAbsoluteHighPercent > 0, "absolute limits must be positive");
        Require(InRange(VoltageBandSharePercent) && InRange(FrequencyBandSharePercent) && InRange(WeeklySharePercent),
            "shares must lie in (0, 100] %");
    }

    /// <summary>The thresholds to use (the defaults when null), checked, after checking that <paramref name="series"/> holds no negative value.</summary>
    internal static PowerQualityThresholds Prepare(PowerQualityThresholds? thresholds, SampledSeries series, string paramName)
    {
        ArgumentNullException.ThrowIfNull(series, paramName);
        var t = thresholds ?? Default;
        t.Validate();
        series.RequireNonNegative(paramName);
        return t;
    }

    private static bool InRange(double percent) => percent > 0 && percent <= 100;

    private static void Require(bool condition, string message) => InputGuard.Require(condition, message, "thresholds");
}
