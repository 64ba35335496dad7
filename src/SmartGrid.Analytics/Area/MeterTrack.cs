using SmartGrid.Analytics.Faults;

namespace SmartGrid.Analytics.Area;

/// <summary>
/// What an <see cref="AreaMonitor"/> remembers of one meter: its last registers and the few figures each
/// streaming fault rule needs (under 200 bytes, no history), updated in O(1) per sample.
/// </summary>
internal sealed class MeterTrack(MeterSample first)
{
    /// <summary>The import register at <see cref="EndTicks"/>, Wh.</summary>
    public long Import = first.ImportRegisterWh;

    /// <summary>The export register at the last sample that carried one, Wh.</summary>
    public long? Export = first.ExportRegisterWh;

    /// <summary>End of the latest sample, UTC ticks.</summary>
    public long EndTicks = first.End.UtcTicks;

    /// <summary>The meter's own sample step: the shortest time seen between two of its samples, ticks (0 until the second sample).</summary>
    public long StepTicks;

    /// <summary>End of the last interval in which a register moved (the first sample's end until one does), UTC ticks.</summary>
    public long LastMoveTicks = first.End.UtcTicks;

    /// <summary>The size of the current run of equal import steps, Wh.</summary>
    public long FlatStep;

    /// <summary>How many equal import steps in a row end at the latest sample.</summary>
    public int FlatCount;

    /// <summary>The UTC day (days since 0001-01-01) whose energy is being summed: samples ending in (day start, day end].</summary>
    public int Day = -1;

    /// <summary>Energy of <see cref="Day"/> so far (positive import steps), Wh.</summary>
    public long DayWh;

    /// <summary>How much of <see cref="Day"/> the steps summed so far cover, ticks.</summary>
    public long DayTicks;

    /// <summary>The latest day the meter has every interval of, or -1.</summary>
    public int CompletedDay = -1;

    /// <summary>Energy of <see cref="CompletedDay"/>, Wh.</summary>
    public long CompletedWh;

    /// <summary>The meter's daily energy against its area's median, fitted as it comes.</summary>
    public DriftLine Drift;

    /// <summary>Which faults have had their verdict in the current episode (once per episode; drift once per meter).</summary>
    public FaultFlags Given;
}
