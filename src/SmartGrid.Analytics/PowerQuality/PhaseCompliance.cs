namespace SmartGrid.Analytics.PowerQuality;

/// <summary>EN 50160 4.2.2 supply voltage variations of one phase over one week of 10-minute values.</summary>
/// <param name="Phase">The zero-based phase (channel).</param>
/// <param name="Values">How many 10-minute values the week held, interruptions left out.</param>
/// <param name="ShareWithinBandPercent">The share of them within nominal ±10 % (NaN without values).</param>
/// <param name="Minimum">The lowest 10-minute value (NaN without values).</param>
/// <param name="Maximum">The highest 10-minute value (NaN without values).</param>
/// <param name="WithinAbsoluteLimits">True when every value lay within nominal +10/-15 %.</param>
/// <param name="Compliant">True when the share reached 95 % and every value lay within the absolute limits.</param>
public sealed record PhaseCompliance(
    int Phase, int Values, double ShareWithinBandPercent, double Minimum, double Maximum, bool WithinAbsoluteLimits, bool Compliant);
