namespace SmartGrid.Analytics.Theft;

/// <summary>
/// A concentrator's feeder meter: the energy that entered the feeder per interval, one array per
/// local day, and the households metered below it. Used for the energy balance (feeder reading
/// against the sum of its meters).
/// </summary>
/// <param name="Id">Feeder (concentrator) id.</param>
/// <param name="MemberIds">Ids of the households below the feeder.</param>
/// <param name="Dates">Local date of each day.</param>
/// <param name="Readings">Feeder energy per interval, one array per day, same interval as the households.</param>
public sealed record FeederDays(string Id, IReadOnlyList<string> MemberIds, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double[]> Readings);
