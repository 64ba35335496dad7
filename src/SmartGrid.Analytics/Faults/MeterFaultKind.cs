namespace SmartGrid.Analytics.Faults;

/// <summary>What is wrong with a meter, seen from its own series.</summary>
public enum MeterFaultKind
{
    /// <summary>The energy register did not move over many intervals while its neighbours' did.</summary>
    StuckRegister = 1,

    /// <summary>The register advanced by exactly the same amount over many intervals: a frozen value repeated.</summary>
    FlatLined = 2,

    /// <summary>Energy counted the wrong way: the import register ran backwards, or the export register rose without generation.</summary>
    Reversed = 3,

    /// <summary>The meter's reading drifts slowly against its cohort: a multiplicative calibration error growing over time.</summary>
    Drifting = 4,

    /// <summary>Phase-to-neutral voltages split (one high, one low, mean near nominal): a broken neutral.</summary>
    NeutralLoss = 5,
}
