namespace SmartGrid.Analytics.PowerQuality;

/// <summary>The standard whose definitions classify an event.</summary>
public enum PowerQualityStandard
{
    /// <summary>EN 50160:2010, voltage characteristics of public distribution networks (with IEC 61000-4-30 methods).</summary>
    En50160 = 1,

    /// <summary>IEEE Std 1159-2019, recommended practice for monitoring electric power quality.</summary>
    Ieee1159 = 2,
}
