namespace SmartGrid.Analytics.PowerQuality;

/// <summary>EN 50160 compliance of a supply, week by week.</summary>
/// <param name="TenMinuteAggregation">True when the samples were aggregated into 10-minute values; false when
/// the sample interval does not divide 10 minutes and each sample was judged as its own value (an approximation).</param>
/// <param name="Weeks">The observation weeks, in order; the last may be incomplete.</param>
/// <param name="Frequency">Power frequency over the whole series, when a frequency series was given.</param>
/// <param name="Compliant">True when every complete week and the frequency comply; null when no week is complete.</param>
public sealed record En50160ComplianceReport(
    bool TenMinuteAggregation,
    IReadOnlyList<WeeklyCompliance> Weeks,
    FrequencyCompliance? Frequency,
    bool? Compliant);
