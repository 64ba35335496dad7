namespace SmartGrid.Ledger.Tiers;

/// <summary>Kinds of analytics verdicts a node records on its chain. Values are part of the signed format.</summary>
public enum ChainEventKind : byte
{
    /// <summary>The feeder delivered more energy than the area's meters recorded, beyond expected losses.</summary>
    EnergyImbalance = 1,

    /// <summary>A meter's voltage was outside the EN 50160 limits.</summary>
    VoltageOutOfRange = 2,

    /// <summary>A meter's import register ran backwards.</summary>
    RegisterReversed = 3,

    /// <summary>A meter delivered nothing while its neighbours did.</summary>
    MeterSilent = 4,

    /// <summary>Most of an area's meters went silent at once.</summary>
    AreaOutage = 5,

    /// <summary>The utility's theft screening scored a household-day of the meter at or above its alarm threshold (value: the score, 0..1).</summary>
    TheftSuspected = 6,

    /// <summary>A meter's registers did not move over many intervals while most of its neighbours' did (value: intervals still).</summary>
    RegisterStuck = 7,

    /// <summary>A meter's import register advanced by exactly the same amount over many intervals: a frozen value repeated (value: intervals).</summary>
    RegisterFlatLined = 8,

    /// <summary>A meter's daily energy drifted against the median of its area (value: the relative change over the window, e.g. 0.25).</summary>
    MeterDrifting = 9,

    /// <summary>A three-phase meter's phase voltages split apart around nominal: a broken neutral (value: the voltage unbalance, %).</summary>
    NeutralLoss = 10,
}
