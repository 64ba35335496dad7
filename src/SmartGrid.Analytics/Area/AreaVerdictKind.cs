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
}
