namespace SmartGrid.Simulation.Data;

/// <summary>
/// One weekly file of the Swiss 15-minute data: for each household, the 672 quarter-hour
/// energies (kWh) of one ISO week, in local time from Monday 00:00. Values are as read,
/// negative ones included; <see cref="NegativeValueCount"/> counts them.
/// </summary>
public sealed class SwissLoadWeek
{
    private readonly double[][] _values;

    internal SwissLoadWeek(int isoWeek, long[] householdIds, double[][] values, int negativeValueCount, DataFileInfo file)
    {
        IsoWeek = isoWeek;
        HouseholdIds = householdIds;
        _values = values;
        NegativeValueCount = negativeValueCount;
        File = file;
    }

    /// <summary>ISO week number the file covers.</summary>
    public int IsoWeek { get; }

    /// <summary>Household ids (the <c>VID</c> column), in file order.</summary>
    public IReadOnlyList<long> HouseholdIds { get; }

    /// <summary>Number of negative values in the file.</summary>
    public int NegativeValueCount { get; }

    /// <summary>The file this week was read from.</summary>
    public DataFileInfo File { get; }

    /// <summary>The 672 values (kWh per quarter-hour) of the household at <paramref name="index"/> in file order.</summary>
    public ReadOnlySpan<double> Values(int index) => _values[index];
}
