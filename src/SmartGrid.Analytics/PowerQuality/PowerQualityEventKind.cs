namespace SmartGrid.Analytics.PowerQuality;

/// <summary>What happened to the supply.</summary>
public enum PowerQualityEventKind
{
    /// <summary>Voltage below the dip (EN 50160) or sag (IEEE 1159) threshold.</summary>
    Dip = 1,

    /// <summary>Voltage above the swell threshold.</summary>
    Swell = 2,

    /// <summary>Voltage below the interruption threshold on every phase.</summary>
    Interruption = 3,

    /// <summary>IEEE 1159 long-duration undervoltage: below 0.9 pu for longer than a minute.</summary>
    Undervoltage = 4,

    /// <summary>IEEE 1159 long-duration overvoltage: above 1.1 pu for longer than a minute.</summary>
    Overvoltage = 5,

    /// <summary>Frequency outside the EN 50160 band.</summary>
    FrequencyDeviation = 6,

    /// <summary>Total harmonic distortion above the EN 50160 limit.</summary>
    HarmonicDistortion = 7,
}
