namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Features that compare a household-day with other households: the reversal gain against the
/// cohort's median hourly shape on the date (people sleep at night whatever their routine), and the
/// level against the household's peers (the households whose daily levels move most like its own).
/// </summary>
internal static class CohortFeatures
{
    /// <summary>Peers per household.</summary>
    public const int Peers = 15;

    /// <summary>At most this many households are candidates as peers (every k-th household beyond that).</summary>
    private const int MaximumCandidates = 1500;

    private const int MinimumCommonDays = 7;
    private const double LogFloor = 0.02;
    private const double CorrelationFloor = 0.02;

    public static void Apply(HouseholdStatistics[] households)
    {
        ReversalAgainstCohort(households);
        PeerLevels(households);
    }

    private static void ReversalAgainstCohort(HouseholdStatistics[] households)
    {
        var byDate = new Dictionary<DateOnly, List<double[]>>();
        foreach (var h in households)
        {
            for (var d = 0; d < h.Days; d++)
            {
                if (h.Totals[d] > 0)
                {
                    var date = h.Household.Dates[d];
                    if (!byDate.TryGetValue(date, out var list))
                    {
                        byDate[date] = list = [];
                    }

                    list.Add(h.HourlyShapes[d]);
                }
            }
        }

        var shapes = byDate.ToDictionary(p => p.Key, p => MedianShape(p.Value));
        foreach (var h in households)
        {
            var gain = new double[h.Days];
            for (var d = 0; d < h.Days; d++)
            {
                if (shapes.TryGetValue(h.Household.Dates[d], out var cohort))
                {
                    gain[d] = RobustStatistics.Pearson(h.ReversedHourlyShapes[d], cohort) - RobustStatistics.Pearson(h.HourlyShapes[d], cohort);
                }
            }

            h.Set(TheftFeature.CohortReversalGain, gain);
            h.Set(TheftFeature.CohortReversalZ, RobustStatistics.RobustZ(gain, CorrelationFloor));
        }
    }

    private static double[] MedianShape(List<double[]> shapes)
    {
        var blocks = shapes[0].Length;
        var median = new double[blocks];
        var column = new double[shapes.Count];
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < shapes.Count; i++)
            {
                column[i] = shapes[i][b];
            }

            median[b] = RobustStatistics.Median(column);
        }

        return median;
    }

    /// <summary>
    /// Level residual against peers: each household's centred log totals are laid on the calendar of
    /// all dates; its peers are the <see cref="Peers"/> candidates with the highest Pearson correlation
    /// over at least <see cref="MinimumCommonDays"/> common dates. Without peers on a date the cohort
    /// level stands in.
    /// </summary>
    private static void PeerLevels(HouseholdStatistics[] households)
    {
        var calendar = households.SelectMany(h => h.Household.Dates).Distinct().Order().ToArray();
        var column = calendar.Select((date, i) => (date, i)).ToDictionary(p => p.date, p => p.i);
        var levels = new double[households.Length][];
        for (var h = 0; h < households.Length; h++)
        {
            levels[h] = Enumerable.Repeat(double.NaN, calendar.Length).ToArray();
            for (var d = 0; d < households[h].Days; d++)
            {
                levels[h][column[households[h].Household.Dates[d]]] = households[h].Feature(d, TheftFeature.LevelLog);
            }
        }

        var stride = Math.Max(1, (households.Length + MaximumCandidates - 1) / MaximumCandidates);
        var candidates = Enumerable.Range(0, households.Length).Where(i => i % stride == 0).ToArray();
        Parallel.For(0, households.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, h =>
        {
            var peers = candidates.Where(c => c != h)
                .Select(c => (c, r: Correlation(levels[h], levels[c])))
                .Where(p => double.IsFinite(p.r))
                .OrderByDescending(p => p.r).ThenBy(p => p.c)
                .Take(Peers)
                .Select(p => p.c)
                .ToArray();
            var statistics = households[h];
            var residual = new double[statistics.Days];
            for (var d = 0; d < statistics.Days; d++)
            {
                var at = column[statistics.Household.Dates[d]];
                var values = peers.Select(p => levels[p][at]).Where(double.IsFinite).ToArray();
                residual[d] = values.Length > 0 ? levels[h][at] - RobustStatistics.Median(values) : statistics.Feature(d, TheftFeature.CohortLevel);
            }

            statistics.Set(TheftFeature.PeerLevelZ, RobustStatistics.RobustZ(residual, LogFloor));
        });
    }

    /// <summary>Pearson correlation over the dates both have; NaN with fewer than <see cref="MinimumCommonDays"/>.</summary>
    private static double Correlation(double[] a, double[] b)
    {
        int count = 0;
        double sa = 0, sb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsFinite(a[i]) && double.IsFinite(b[i]))
            {
                count++;
                sa += a[i];
                sb += b[i];
            }
        }

        if (count < MinimumCommonDays)
        {
            return double.NaN;
        }

        double ma = sa / count, mb = sb / count, sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsFinite(a[i]) && double.IsFinite(b[i]))
            {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : double.NaN;
    }
}
