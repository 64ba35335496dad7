using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Efficiency;

/// <summary>What efficiency scoring needs about one household over the scoring window.</summary>
/// <param name="HouseholdId">The household (meter) id.</param>
/// <param name="ConsumptionKwh">Energy per interval, kWh, one channel.</param>
/// <param name="BaselineKwh">The forecast baseline for the same intervals (same timestamps), kWh, one channel.</param>
/// <param name="DemandResponse">The demand-response events it was asked to take part in (may be empty).</param>
public sealed record HouseholdUsage(
    string HouseholdId, SampledSeries ConsumptionKwh, SampledSeries BaselineKwh, IReadOnlyList<DemandResponseEvent> DemandResponse);
