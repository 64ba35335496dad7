namespace SmartGrid.Simulation.Data;

/// <summary>
/// Consecutive weeks of the Swiss 15-minute data joined per household: one series of
/// 96 values a day (kWh per quarter-hour, local time, starting Monday 00:00 of the first week).
/// The weeks covered (ISO 44-50 of 2018) have no daylight-saving change, so every day has 96.
/// </summary>
public sealed class SwissLoadDataSet
{
    private readonly double[][] _series;

    internal SwissLoadDataSet(DateOnly firstDay, long[] householdIds, double[][] series, int negativeValueCount, IReadOnlyList<DataFileInfo> files)
    {
        FirstDay = firstDay;
        HouseholdIds = householdIds;
        _series = series;
        NegativeValueCount = negativeValueCount;
        Files = files;
        DayCount = series.Length == 0 ? 0 : series[0].Length / SwissLoadDataReader.SlotsPerDay;
    }

    /// <summary>Local date of the first value (a Monday).</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Number of whole days in every series.</summary>
    public int DayCount { get; }

    /// <summary>Household ids, in the order of the first file.</summary>
    public IReadOnlyList<long> HouseholdIds { get; }

    /// <summary>Number of negative values across all files (kept as read in the series).</summary>
    public int NegativeValueCount { get; }

    /// <summary>The files read, in week order.</summary>
    public IReadOnlyList<DataFileInfo> Files { get; }

    /// <summary>The series of the household at <paramref name="index"/>: <see cref="DayCount"/> × 96 values in kWh.</summary>
    public ReadOnlySpan<double> Series(int index) => _series[index];
}
