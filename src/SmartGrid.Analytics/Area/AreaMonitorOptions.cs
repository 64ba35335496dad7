using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Area;

/// <summary>Thresholds of an <see cref="AreaMonitor"/>.</summary>
public sealed record AreaMonitorOptions
{
    /// <summary>
    /// Share of the feeder's energy that may go unmetered before the area is flagged: technical
    /// losses of a low-voltage feeder are a few per cent. Default 8 %.
    /// </summary>
    public double MaxLossFraction { get; init; } = 0.08;

    /// <summary>Feeder energy needed before a balance is judged (a few Wh of rounding must not flag). Default 1 kWh.</summary>
    public double MinimumFeederWh { get; init; } = 1_000;

    /// <summary>Share of the area's meters silent at once that makes it an area outage. Default 60 %.</summary>
    public double OutageFraction { get; init; } = 0.6;

    /// <summary>Fewest silent meters that make an area outage. Default 2.</summary>
    public int MinimumOutageMeters { get; init; } = 2;

    /// <summary>Voltage limits (EN 50160 defaults: 230 V, +10 % / -15 %).</summary>
    public PowerQualityThresholds Thresholds { get; init; } = PowerQualityThresholds.Default;

    /// <summary>
    /// The meter-fault rules (stuck, flat-lined, drift, neutral loss), the same as the batch detectors'
    /// (<see cref="RegisterFaultDetector"/>, <see cref="DriftDetector"/>, <see cref="NeutralLossDetector"/>).
    /// </summary>
    public FaultDetectionOptions Faults { get; init; } = FaultDetectionOptions.Default;

    /// <summary>Most verdicts kept (oldest dropped first). Default 512.</summary>
    public int MaxVerdicts { get; init; } = 512;

    /// <summary>Throws <see cref="AnalyticsInputException"/> naming the first bad threshold.</summary>
    public void Validate()
    {
        if (MaxLossFraction is <= 0 or >= 1 || double.IsNaN(MaxLossFraction))
        {
            throw new AnalyticsInputException($"MaxLossFraction must be in (0, 1), not {MaxLossFraction}", nameof(MaxLossFraction));
        }

        if (OutageFraction is <= 0 or > 1 || double.IsNaN(OutageFraction))
        {
            throw new AnalyticsInputException($"OutageFraction must be in (0, 1], not {OutageFraction}", nameof(OutageFraction));
        }

        if (MinimumOutageMeters < 1 || MaxVerdicts < 1 || MinimumFeederWh < 0 || double.IsNaN(MinimumFeederWh))
        {
            throw new AnalyticsInputException("MinimumOutageMeters and MaxVerdicts must be positive and MinimumFeederWh not negative", nameof(MinimumOutageMeters));
        }

        Thresholds.Validate();
        if (Faults is null)
        {
            throw new AnalyticsInputException("Faults must be given", nameof(Faults));
        }

        Faults.Validate();
    }
}
