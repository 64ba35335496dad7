namespace SmartGrid.Analytics.Faults;

/// <summary>A fault found in one meter's series.</summary>
/// <param name="MeterId">The meter.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Start">When the evidence starts.</param>
/// <param name="End">When it ends.</param>
/// <param name="Magnitude">The size of the evidence: intervals stuck or flat, Wh counted the wrong way, relative drift over the window, or the largest voltage unbalance in %.</param>
/// <param name="Evidence">The rule that fired and its figures, in words.</param>
public sealed record MeterFault(string MeterId, MeterFaultKind Kind, DateTimeOffset Start, DateTimeOffset End, double Magnitude, string Evidence);
