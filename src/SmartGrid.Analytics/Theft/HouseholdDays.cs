namespace SmartGrid.Analytics.Theft;

/// <summary>
/// The reported readings of one household, one array per local day (each of the same length N,
/// the intervals a day: 24, 48 or 96 for 60, 30 or 15 minutes). The household's own history for
/// the statistics is all of its days here, attacked or not (nobody knows which).
/// </summary>
/// <param name="Id">Household (meter) id.</param>
/// <param name="Dates">Local date of each day, same order as <paramref name="Readings"/>.</param>
/// <param name="Readings">Energy per interval, one array per day.</param>
public sealed record HouseholdDays(string Id, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double[]> Readings);
