namespace SmartGrid.Analytics.Faults;

/// <summary>An outage, attributed to the highest level that explains it.</summary>
/// <param name="Level">Meter, concentrator or feeder.</param>
/// <param name="Id">The id of that meter, concentrator or feeder.</param>
/// <param name="Start">The first step it was seen.</param>
/// <param name="End">The end of the last step it was seen.</param>
/// <param name="DarkMeters">The meters that were dark during it, in ordinal order.</param>
/// <param name="DarkFraction">The largest fraction of the reporting meters (or concentrators, for a feeder) that were dark at one step.</param>
/// <param name="Evidence">The rule that fired, in words.</param>
public sealed record OutageFinding(
    OutageLevel Level, string Id, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> DarkMeters, double DarkFraction, string Evidence);
