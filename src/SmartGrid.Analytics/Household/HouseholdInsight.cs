namespace SmartGrid.Analytics.Household;

/// <summary>What a <see cref="HouseholdMonitor"/> knows about one household now.</summary>
/// <param name="Intervals">Interval energies observed.</param>
/// <param name="Forecaster">The forecaster the bandit currently rates best for this household.</param>
/// <param name="Rounds">Forecast rounds scored so far.</param>
/// <param name="LastError">Normalised absolute error of the last scored round (0 perfect), or null before any.</param>
/// <param name="MeanError">Mean of the round errors so far, or null before any.</param>
/// <param name="NextDayWh">Forecast energy of the next day (from the best forecaster), or null until a day of history exists.</param>
/// <param name="LastDayWh">Energy of the last complete day, or null before one.</param>
/// <param name="LastDayPeakToAverage">Peak-to-average ratio of the last complete day's intervals, or null.</param>
public sealed record HouseholdInsight(long Intervals, string Forecaster, long Rounds, double? LastError, double? MeanError, double? NextDayWh, double? LastDayWh, double? LastDayPeakToAverage);
