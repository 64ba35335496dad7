namespace SmartGrid.Analytics.Efficiency;

/// <summary>A demand-response request a household received.</summary>
/// <param name="Start">When the event starts.</param>
/// <param name="End">When it ends (exclusive).</param>
/// <param name="RequestedReductionKwh">The energy the household was asked to shed against its baseline over the event, kWh (positive).</param>
public sealed record DemandResponseEvent(DateTimeOffset Start, DateTimeOffset End, double RequestedReductionKwh);
