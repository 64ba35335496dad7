namespace SmartGrid.Analytics.Area;

/// <summary>What an area monitor found.</summary>
public enum AreaVerdictKind
{
    /// <summary>The feeder delivered more energy than the area's meters recorded, beyond the expected losses (theft, bypass or a faulty meter in the area).</summary>
    EnergyImbalance = 1,

    /// <summary>A meter's interval mean voltage was outside EN 50160's +10 % / -15 % of nominal.</summary>
    VoltageOutOfRange = 2,

    /// <summary>A meter's import register went backwards (reversed or tampered meter).</summary>
    RegisterReversed = 3,

    /// <summary>One meter delivered nothing in an interval in which its neighbours did (its link or the meter).</summary>
    MeterSilent = 4,

    /// <summary>Most of the area's meters went silent at once: the fault is at the concentrator or its feeder.</summary>
    AreaOutage = 5,

    /// <summary>
    /// A meter's import register (and its export register, when it has one) stood still for many intervals
    /// while most of its neighbours' moved. Value: the intervals it stood still.
    /// </summary>
    RegisterStuck = 6,

    /// <summary>A meter's import register advanced by exactly the same amount in many intervals in a row: a frozen value repeated. Value: the intervals.</summary>
    RegisterFlatLined = 7,

    /// <summary>A meter's daily energy drifts against the median of its area's meters: a growing calibration error. Value: the relative change over the window (0.25 = +25 %).</summary>
    MeterDrifting = 8,

    /// <summary>A three-phase meter's phase voltages split, one high and one low, with their mean near nominal: a broken neutral. Value: the voltage unbalance in %.</summary>
    NeutralLoss = 9,
}
