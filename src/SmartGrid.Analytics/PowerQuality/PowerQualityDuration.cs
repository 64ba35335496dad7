namespace SmartGrid.Analytics.PowerQuality;

/// <summary>The duration class of an event, as its standard names it.</summary>
public enum PowerQualityDuration
{
    /// <summary>No duration class (frequency and THD events).</summary>
    None = 0,

    /// <summary>IEEE 1159 instantaneous: half a cycle to 30 cycles.</summary>
    Instantaneous = 1,

    /// <summary>IEEE 1159 momentary: 30 cycles to 3 s (interruptions: half a cycle to 3 s).</summary>
    Momentary = 2,

    /// <summary>IEEE 1159 temporary: over 3 s to 1 min.</summary>
    Temporary = 3,

    /// <summary>IEEE 1159 sustained / long duration: over 1 min.</summary>
    Sustained = 4,

    /// <summary>EN 50160 short interruption: at most 3 min; or a dip or swell within EN 50160's tables (at most 1 min).</summary>
    Short = 5,

    /// <summary>EN 50160 long interruption: over 3 min; or a dip or swell longer than EN 50160's tables (over 1 min).</summary>
    Long = 6,
}
