namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Clock-time and level features of a household's days against its own routine: hourly energies
/// against the household's usual energy at that hour (and the reversed day against the same), the
/// earth mover's distance of the day's hourly shape from the typical shape, the night/evening split,
/// the energy-weighted time of the day, and the day's level against a local window, its weekday and
/// its own lower quantiles. Hourly means 24 blocks of the day (fewer when a day has fewer readings).
/// </summary>
internal static class RoutineFeatures
{
    private const double LogFloor = 0.02;
    private const double HourSigmaFloor = 0.1;
    private const int MinimumDaysOfType = 3;
    private const int LocalWindowDays = 7;

    public static void Compute(HouseholdStatistics statistics, double[][] days)
    {
        var n = statistics.N;
        var count = statistics.Days;
        var blocks = Math.Min(24, n);
        var hourly = days.Select(day => HouseholdStatistics.Blocks(day, blocks)).ToArray();
        var reversed = days.Select(day => HouseholdStatistics.Blocks([.. day.Reverse()], blocks)).ToArray();
        var eps = statistics.Epsilon * n / blocks;
        statistics.HourlyShapes = [.. hourly.Select(h => Normalise(h, eps))];
        statistics.ReversedHourlyShapes = [.. reversed.Select(h => Normalise(h, eps))];

        var dates = statistics.Household.Dates;
        var weekend = dates.Select(date => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToArray();
        var logs = hourly.Select(h => h.Select(v => Math.Log(v + eps)).ToArray()).ToArray();
        var logsReversed = reversed.Select(h => h.Select(v => Math.Log(v + eps)).ToArray()).ToArray();
        var typical = new Dictionary<int, (double[] Median, double[] Sigma, double[] Cumulative)>();
        var hourlyReversal = new double[count];
        var deviation = new double[count];
        var earthMover = new double[count];
        for (var d = 0; d < count; d++)
        {
            var members = Enumerable.Range(0, count).Where(i => weekend[i] == weekend[d]).ToArray();
            var type = weekend[d] ? 1 : 0;
            if (members.Length < MinimumDaysOfType)
            {
                members = [.. Enumerable.Range(0, count)];
                type = 2;
            }

            if (!typical.TryGetValue(type, out var reference))
            {
                reference = Typical(members, logs, hourly, eps);
                typical[type] = reference;
            }

            double distance = 0, distanceReversed = 0;
            for (var b = 0; b < blocks; b++)
            {
                distance += Math.Abs(logs[d][b] - reference.Median[b]) / reference.Sigma[b];
                distanceReversed += Math.Abs(logsReversed[d][b] - reference.Median[b]) / reference.Sigma[b];
            }

            deviation[d] = Math.Log((distance / blocks) + 1e-6);
            hourlyReversal[d] = Math.Log((distance + 1e-6) / (distanceReversed + 1e-6));
            var mover = EarthMover(statistics.HourlyShapes[d], reference.Cumulative);
            var moverReversed = EarthMover(statistics.ReversedHourlyShapes[d], reference.Cumulative);
            earthMover[d] = Math.Log((mover + 1e-4) / (moverReversed + 1e-4));
        }

        statistics.Set(TheftFeature.HourlyReversalLog, hourlyReversal);
        statistics.Set(TheftFeature.HourlyReversalZ, RobustStatistics.RobustZ(hourlyReversal, LogFloor));
        statistics.Set(TheftFeature.HourlyDeviationZ, RobustStatistics.RobustZ(deviation, LogFloor));
        statistics.Set(TheftFeature.EarthMoverReversalLog, earthMover);
        statistics.Set(TheftFeature.EarthMoverReversalZ, RobustStatistics.RobustZ(earthMover, LogFloor));
        ClockTime(statistics, hourly, eps);
        Levels(statistics, days);
    }

    /// <summary>Night/evening split, energy-weighted time and the quarter-energy time of each day.</summary>
    private static void ClockTime(HouseholdStatistics statistics, double[][] hourly, double eps)
    {
        var count = statistics.Days;
        var blocks = hourly[0].Length;
        var nightEvening = new double[count];
        var centroid = new double[count];
        var quarterTime = new double[count];
        for (var d = 0; d < count; d++)
        {
            double night = 0, evening = 0, weighted = 0, total = 0;
            for (var b = 0; b < blocks; b++)
            {
                var hour = 24.0 * b / blocks;
                night += hour < 6 ? hourly[d][b] : 0;
                evening += hour >= 18 ? hourly[d][b] : 0;
                weighted += (b + 0.5) / blocks * hourly[d][b];
                total += hourly[d][b];
            }

            nightEvening[d] = Math.Log((night + eps) / (evening + eps));
            centroid[d] = total > 0 ? weighted / total : 0.5;
            double cumulative = 0;
            quarterTime[d] = 1;
            for (var b = 0; b < blocks && total > 0; b++)
            {
                cumulative += hourly[d][b];
                if (cumulative >= 0.25 * total)
                {
                    quarterTime[d] = (b + 1.0) / blocks;
                    break;
                }
            }
        }

        var median = RobustStatistics.Median(nightEvening);
        statistics.Set(TheftFeature.NightEveningLog, [.. nightEvening.Select(v => v - median)]);
        statistics.Set(TheftFeature.NightEveningZ, RobustStatistics.RobustZ(nightEvening, LogFloor));
        statistics.Set(TheftFeature.TimeCentroidZ, RobustStatistics.RobustZ(centroid, 0.01));
        statistics.Set(TheftFeature.QuarterEnergyTimeZ, RobustStatistics.RobustZ(quarterTime, 1.0 / blocks));
    }

    /// <summary>The day's level against a local window, its weekday, its rank, and its lower quantiles.</summary>
    private static void Levels(HouseholdStatistics statistics, double[][] days)
    {
        var count = statistics.Days;
        var n = statistics.N;
        var eps = statistics.Epsilon;
        var logTotals = statistics.Totals.Select(t => Math.Log(t + (n * eps))).ToArray();
        var dates = statistics.Household.Dates;
        var local = new double[count];
        var weekday = new double[count];
        var rank = new double[count];
        var lowerQuartile = new double[count];
        var medianReading = new double[count];
        for (var d = 0; d < count; d++)
        {
            var near = Enumerable.Range(0, count).Where(i => i != d && Math.Abs(dates[i].DayNumber - dates[d].DayNumber) <= LocalWindowDays).Select(i => logTotals[i]).ToArray();
            local[d] = near.Length > 0 ? logTotals[d] - RobustStatistics.Median(near) : 0;
            var same = Enumerable.Range(0, count).Where(i => i != d && dates[i].DayOfWeek == dates[d].DayOfWeek).Select(i => logTotals[i]).ToArray();
            weekday[d] = same.Length >= 2 ? logTotals[d] - RobustStatistics.Median(same) : local[d];
            rank[d] = (double)statistics.Totals.Count(t => t < statistics.Totals[d]) / Math.Max(1, count - 1);
            var sorted = (double[])days[d].Clone();
            Array.Sort(sorted);
            lowerQuartile[d] = Math.Log(RobustStatistics.QuantileOfSorted(sorted, 0.25) + eps);
            medianReading[d] = Math.Log(RobustStatistics.QuantileOfSorted(sorted, 0.5) + eps);
        }

        statistics.Set(TheftFeature.LocalLevelZ, RobustStatistics.RobustZ(local, LogFloor));
        statistics.Set(TheftFeature.WeekdayLevelZ, RobustStatistics.RobustZ(weekday, LogFloor));
        statistics.Set(TheftFeature.LevelRank, rank);
        statistics.Set(TheftFeature.LowerQuartileZ, RobustStatistics.RobustZ(lowerQuartile, LogFloor));
        statistics.Set(TheftFeature.MedianReadingZ, RobustStatistics.RobustZ(medianReading, LogFloor));
    }

    /// <summary>Per-hour median and robust sigma of the log hourly energy, and the cumulative typical shape.</summary>
    private static (double[] Median, double[] Sigma, double[] Cumulative) Typical(int[] members, double[][] logs, double[][] hourly, double eps)
    {
        var blocks = logs[0].Length;
        var median = new double[blocks];
        var sigma = new double[blocks];
        var energy = new double[blocks];
        var column = new double[members.Length];
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < members.Length; i++)
            {
                column[i] = logs[members[i]][b];
            }

            median[b] = RobustStatistics.Median(column);
            sigma[b] = Math.Max(RobustStatistics.Sigma(column, median[b]), HourSigmaFloor);
            for (var i = 0; i < members.Length; i++)
            {
                column[i] = hourly[members[i]][b];
            }

            energy[b] = RobustStatistics.Median(column);
        }

        var shape = Normalise(energy, eps);
        var cumulative = new double[blocks];
        double sum = 0;
        for (var b = 0; b < blocks; b++)
        {
            sum += shape[b];
            cumulative[b] = sum;
        }

        return (median, sigma, cumulative);
    }

    /// <summary>Wasserstein-1 distance along the day between a shape and a cumulative reference, in days.</summary>
    private static double EarthMover(double[] shape, double[] referenceCumulative)
    {
        double sum = 0, distance = 0;
        for (var b = 0; b < shape.Length; b++)
        {
            sum += shape[b];
            distance += Math.Abs(sum - referenceCumulative[b]);
        }

        return distance / shape.Length;
    }

    private static double[] Normalise(double[] values, double eps)
    {
        var total = values.Sum() + (values.Length * eps);
        return [.. values.Select(v => (v + eps) / total)];
    }
}
