using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>The rules of fault detection, with their defaults. <c>docs/POWER_QUALITY.md</c> explains each.</summary>
public sealed record FaultDetectionOptions
{
    /// <summary>The nominal phase-to-neutral voltage, 230 V.</summary>
    public double NominalVoltage { get; init; } = 230.0;

    /// <summary>A meter is dark when every phase is below this share of nominal: 5 %, the EN 50160 interruption threshold.</summary>
    public double DarkThresholdPercent { get; init; } = 5.0;

    /// <summary>A concentrator (feeder) is out when at least this fraction of its reporting meters (concentrators) is dark at one step, 0.6.</summary>
    public double OutageFraction { get; init; } = 0.6;

    /// <summary>... and at least this many meters are dark at that step, 2 (one dark meter is a meter fault).</summary>
    public int MinimumDarkMeters { get; init; } = 2;

    /// <summary>A feeder is out only when at least this many of its concentrators are out at one step, 2.</summary>
    public int MinimumOutConcentrators { get; init; } = 2;

    /// <summary>A register that does not move for at least this many intervals while its neighbours move is stuck, 8.</summary>
    public int StuckIntervals { get; init; } = 8;

    /// <summary>The fraction of neighbours whose register must move over the same span, 0.5.</summary>
    public double MovingNeighbourFraction { get; init; } = 0.5;

    /// <summary>
    /// A register advancing by exactly the same positive amount for at least this many intervals is
    /// flat-lined, 24 (6 hours of quarter-hours). Real households repeat a value for a while: in the
    /// Swiss data, 2.0 % of household-weeks hold one value for 12 quarter-hours, 0.16 % for 24
    /// (docs/POWER_QUALITY.md), and a frozen meter stays frozen.
    /// </summary>
    public int FlatLineIntervals { get; init; } = 24;

    /// <summary>The number of intervals with energy counted the wrong way that makes a meter reversed, 2.</summary>
    public int ReversedIntervals { get; init; } = 2;

    /// <summary>Register steps smaller than this (Wh) are rounding, not energy, 1 Wh.</summary>
    public double RegisterResolutionWh { get; init; } = 1.0;

    /// <summary>Drift needs at least this many periods with the meter and its cohort both positive, 14.</summary>
    public int DriftMinimumPeriods { get; init; } = 14;

    /// <summary>The smallest drift over the window worth reporting, 0.05 (5 %).</summary>
    public double DriftMinimumRelative { get; init; } = 0.05;

    /// <summary>The t statistic the drift slope must reach, 4.</summary>
    public double DriftMinimumT { get; init; } = 4.0;

    /// <summary>Neutral loss: a phase above this share of nominal, 110 %...</summary>
    public double NeutralHighPercent { get; init; } = 110.0;

    /// <summary>... another below this, 90 %...</summary>
    public double NeutralLowPercent { get; init; } = 90.0;

    /// <summary>... and the mean of the three within this of nominal, 5 % (the sum stays roughly constant).</summary>
    public double NeutralMeanTolerancePercent { get; init; } = 5.0;

    /// <summary>The options used when none are given.</summary>
    public static FaultDetectionOptions Default { get; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="AnalyticsInputException">An option is out of range.</exception>
    public void Validate()
    {
        Require(NominalVoltage > 0 && double.IsFinite(NominalVoltage), $"the nominal voltage must be positive, not {NominalVoltage}");
        Require(DarkThresholdPercent > 0 && DarkThresholdPercent < 100, "the dark threshold must lie in (0, 100) %");
        Require(OutageFraction > 0 && OutageFraction <= 1 && MovingNeighbourFraction > 0 && MovingNeighbourFraction <= 1,
            "fractions must lie in (0, 1]");
        Require(MinimumDarkMeters >= 2, "a concentrator outage needs at least 2 dark meters");
        Require(MinimumOutConcentrators >= 2, "a feeder outage needs at least 2 concentrators out");
        Require(StuckIntervals >= 2 && FlatLineIntervals >= 2 && ReversedIntervals >= 1 && DriftMinimumPeriods >= 3, "interval counts are too small");
        Require(RegisterResolutionWh >= 0 && DriftMinimumRelative > 0 && DriftMinimumT > 0, "resolutions and drift limits must be positive");
        Require(NeutralHighPercent > 100 && NeutralLowPercent < 100 && NeutralLowPercent > 0 && NeutralMeanTolerancePercent > 0,
            "neutral-loss limits must straddle 100 %");
    }

    private static void Require(bool condition, string message) => InputGuard.Require(condition, message, "options");
}
