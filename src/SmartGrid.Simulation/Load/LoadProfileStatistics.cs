using MathNet.Numerics.Statistics;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Summarises quarter-hour series of households (real or synthetic) the same way, so they can be
/// compared: every series holds whole local days of 96 values from <c>firstDay</c> 00:00 local time.
/// </summary>
public static class LoadProfileStatistics
{
    private const int SlotsPerDay = LoadModelParameters.SlotsPerDay;

    /// <summary>Computes the summary.</summary>
    /// <param name="series">One series per household, all of the same whole number of days (values in any energy unit, kWh for the daily energies).</param>
    /// <param name="firstDay">Local date of the first value of every series.</param>
    /// <exception cref="ArgumentException">No series, or series of different or partial-day lengths.</exception>
    public static LoadProfileSummary Summarise(IReadOnlyList<double[]> series, DateOnly firstDay)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series[0].Length == 0 || series[0].Length % SlotsPerDay != 0 || series.Any(s => s.Length != series[0].Length))
        {
            throw new ArgumentException("Series must be non-empty, of equal length and of whole days.", nameof(series));
        }

        var days = series[0].Length / SlotsPerDay;
        var weekend = Enumerable.Range(0, days).Select(d => firstDay.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToArray();
        var weekendDays = weekend.Count(w => w);
        var dailyMeans = new double[series.Count];
        double parSum = 0, weekdayEnergy = 0, weekendEnergy = 0;
        long parDays = 0;
        var lags = new[] { 1, 4, SlotsPerDay };
        var acfSums = new double[lags.Length];
        var acfCounts = new int[lags.Length];
        var aggregate = new double[series[0].Length];
        var weekdayProfile = new double[24];
        var weekendProfile = new double[24];
        var profileCount = 0;
        var hourly = new double[2, 24];

        for (var h = 0; h < series.Count; h++)
        {
            var values = series[h];
            Array.Clear(hourly);
            double total = 0, householdWeekday = 0, householdWeekend = 0;
            for (var d = 0; d < days; d++)
            {
                double daySum = 0, dayMax = 0;
                for (var s = 0; s < SlotsPerDay; s++)
                {
                    var v = values[(d * SlotsPerDay) + s];
                    aggregate[(d * SlotsPerDay) + s] += v;
                    daySum += v;
                    dayMax = Math.Max(dayMax, v);
                    hourly[weekend[d] ? 1 : 0, s / 4] += v;
                }

                if (daySum > 0)
                {
                    parSum += dayMax / (daySum / SlotsPerDay);
                    parDays++;
                }

                total += daySum;
                if (weekend[d])
                {
                    householdWeekend += daySum;
                }
                else
                {
                    householdWeekday += daySum;
                }
            }

            dailyMeans[h] = total / days;
            weekdayEnergy += householdWeekday;
            weekendEnergy += householdWeekend;
            if (householdWeekday > 0 && householdWeekend > 0)
            {
                for (var hour = 0; hour < 24; hour++)
                {
                    weekdayProfile[hour] += hourly[0, hour] * 24 / householdWeekday;
                    weekendProfile[hour] += hourly[1, hour] * 24 / householdWeekend;
                }

                profileCount++;
            }

            for (var l = 0; l < lags.Length; l++)
            {
                var acf = Autocorrelation(values, lags[l]);
                if (double.IsFinite(acf))
                {
                    acfSums[l] += acf;
                    acfCounts[l]++;
                }
            }
        }

        var aggregatePeaks = Enumerable.Range(0, days)
            .Select(d => aggregate.AsSpan(d * SlotsPerDay, SlotsPerDay).ToArray())
            .Where(day => day.Sum() > 0)
            .Select(day => day.Max() / day.Average())
            .DefaultIfEmpty(double.NaN)
            .Average();

        return new LoadProfileSummary
        {
            Households = series.Count,
            Days = days,
            DailyEnergyKWh = Describe(dailyMeans),
            MeanDailyPeakToAverage = parDays == 0 ? double.NaN : parSum / parDays,
            WeekdayHourlyProfile = [.. weekdayProfile.Select(v => v / profileCount)],
            WeekendHourlyProfile = [.. weekendProfile.Select(v => v / profileCount)],
            WeekdayWeekendRatio = weekdayEnergy / (days - weekendDays) / (weekendEnergy / weekendDays),
            MeanLag1Autocorrelation = acfCounts[0] == 0 ? double.NaN : acfSums[0] / acfCounts[0],
            MeanLag4Autocorrelation = acfCounts[1] == 0 ? double.NaN : acfSums[1] / acfCounts[1],
            MeanLag96Autocorrelation = acfCounts[2] == 0 ? double.NaN : acfSums[2] / acfCounts[2],
            AggregateDailyPeakToAverage = aggregatePeaks,
        };
    }

    /// <summary>Mean, median, 10 % and 90 % quantiles .</summary>
    public static DistributionSummary Describe(IReadOnlyCollection<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var sorted = sample.Order().ToArray();
        return new DistributionSummary(
            sorted.Average(),
            SortedArrayStatistics.QuantileCustom(sorted, 0.5, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 0.1, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 0.9, QuantileDefinition.R7));
    }

    /// <summary>Lag-1 autocorrelation Σ(x_t − m)(x_t+1 − m) / Σ(x_t − m)²; NaN for a constant series.</summary>
    public static double Lag1Autocorrelation(ReadOnlySpan<double> values) => Autocorrelation(values, 1);

    /// <summary>Autocorrelation at <paramref name="lag"/>: Σ(x_t − m)(x_t+lag − m) / Σ(x_t − m)²; NaN for a constant series.</summary>
    public static double Autocorrelation(ReadOnlySpan<double> values, int lag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, 1);
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double cross = 0, square = 0;
        for (var t = 0; t < values.Length; t++)
        {
            var deviation = values[t] - mean;
            square += deviation * deviation;
            if (t + lag < values.Length)
            {
                cross += deviation * (values[t + lag] - mean);
            }
        }

        return square == 0 ? double.NaN : cross / square;
    }

    /// <summary>Pearson correlation of two profiles.</summary>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b) => MathNet.Numerics.Statistics.Correlation.Pearson(a, b);

    /// <summary>Largest absolute difference between two profiles of equal length.</summary>
    public static double MaxAbsoluteDeviation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("Profiles differ in length.", nameof(b));
        }

        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }
}
