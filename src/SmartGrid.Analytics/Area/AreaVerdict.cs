namespace SmartGrid.Analytics.Area;

/// <summary>One finding of an <see cref="AreaMonitor"/>, with the evidence as a sentence.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Subject">The meter it concerns, or the area's id for area-wide findings.</param>
/// <param name="Time">When (end of the interval or reading concerned).</param>
/// <param name="Value">The measured quantity (loss fraction, volts, Wh, share of silent meters).</param>
/// <param name="Evidence">The rule that fired and the numbers it fired on.</param>
public sealed record AreaVerdict(AreaVerdictKind Kind, string Subject, DateTimeOffset Time, double Value, string Evidence);
