namespace SmartGrid.Analytics.PowerQuality;

/// <summary>A week of 10-minute values judged against an upper limit that 95 % of them must meet (THD, unbalance).</summary>
/// <param name="Values">How many 10-minute values (all phases counted) the week held.</param>
/// <param name="ShareWithinLimitPercent">The share at or below the limit, for the worst phase (NaN without values).</param>
/// <param name="Maximum">The highest value (NaN without values).</param>
/// <param name="Compliant">True when the share reached the required share.</param>
public sealed record LimitCompliance(int Values, double ShareWithinLimitPercent, double Maximum, bool Compliant);
