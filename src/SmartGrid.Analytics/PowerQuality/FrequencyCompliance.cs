namespace SmartGrid.Analytics.PowerQuality;

/// <summary>EN 50160 4.2.1 power frequency over the whole series (the standard judges a year of 10-second means).</summary>
/// <param name="Values">How many frequency values were judged.</param>
/// <param name="ShareWithinBandPercent">The share within nominal ±1 % (NaN without values).</param>
/// <param name="Minimum">The lowest value (NaN without values).</param>
/// <param name="Maximum">The highest value (NaN without values).</param>
/// <param name="WithinAbsoluteLimits">True when every value lay within nominal +4/-6 %.</param>
/// <param name="Compliant">True when the share reached 99.5 % and every value lay within the absolute limits.</param>
public sealed record FrequencyCompliance(
    int Values, double ShareWithinBandPercent, double Minimum, double Maximum, bool WithinAbsoluteLimits, bool Compliant);
