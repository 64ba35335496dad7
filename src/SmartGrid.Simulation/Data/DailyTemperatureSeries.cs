namespace SmartGrid.Simulation.Data;

/// <summary>
/// Daily mean temperatures for a run of consecutive days. A day is measured when it has at
/// least the requested number of hourly values; any other day is filled by linear
/// interpolation between the nearest measured days (the first or last measured value at the edges).
/// </summary>
public sealed class DailyTemperatureSeries
{
    private readonly double[] _values;
    private readonly bool[] _measured;

    private DailyTemperatureSeries(DateOnly firstDay, double[] values, bool[] measured)
    {
        FirstDay = firstDay;
        _values = values;
        _measured = measured;
    }

    /// <summary>The first day.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Number of days.</summary>
    public int DayCount => _values.Length;

    /// <summary>Number of days with a measured (not interpolated) mean.</summary>
    public int MeasuredDayCount => _measured.Count(m => m);

    /// <summary>Mean of the daily means over all days, interpolated ones included.</summary>
    public double MeanC => _values.Average();

    /// <summary>Daily mean temperature (°C) of the day at <paramref name="dayIndex"/> from <see cref="FirstDay"/>.</summary>
    public double this[int dayIndex] => _values[dayIndex];

    /// <summary>Whether the day at <paramref name="dayIndex"/> was measured rather than interpolated.</summary>
    public bool IsMeasured(int dayIndex) => _measured[dayIndex];

    /// <summary>Builds the daily means of <paramref name="dayCount"/> days from <paramref name="firstDay"/>.</summary>
    /// <param name="hours">Hourly temperatures; the day of an hour is the date of its <see cref="HourlyTemperature.TimeCet"/>.</param>
    /// <param name="firstDay">First day of the series.</param>
    /// <param name="dayCount">Number of days.</param>
    /// <param name="minimumHours">Hours a day needs to count as measured.</param>
    /// <exception cref="ArgumentException">No day in the range has enough hours.</exception>
    public static DailyTemperatureSeries FromHourly(IEnumerable<HourlyTemperature> hours, DateOnly firstDay, int dayCount, int minimumHours = 12)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentOutOfRangeException.ThrowIfLessThan(dayCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumHours, 1);
        var sums = new double[dayCount];
        var counts = new int[dayCount];
        foreach (var hour in hours)
        {
            var day = DateOnly.FromDateTime(hour.TimeCet).DayNumber - firstDay.DayNumber;
            if (day >= 0 && day < dayCount)
            {
                sums[day] += hour.TemperatureC;
                counts[day]++;
            }
        }

        var values = new double[dayCount];
        var measured = new bool[dayCount];
        for (var d = 0; d < dayCount; d++)
        {
            measured[d] = counts[d] >= minimumHours;
            values[d] = measured[d] ? sums[d] / counts[d] : double.NaN;
        }

        if (!measured.Any(m => m))
        {
            throw new ArgumentException($"No day from {firstDay:yyyy-MM-dd} on has {minimumHours} or more hourly temperatures.", nameof(hours));
        }

        for (var d = 0; d < dayCount; d++)
        {
            if (measured[d])
            {
                continue;
            }

            var before = Array.FindLastIndex(measured, d, m => m);
            var after = Array.FindIndex(measured, d, m => m);
            values[d] = before < 0 ? values[after]
                : after < 0 ? values[before]
                : values[before] + ((values[after] - values[before]) * (d - before) / (after - before));
        }

        return new DailyTemperatureSeries(firstDay, values, measured);
    }
}
