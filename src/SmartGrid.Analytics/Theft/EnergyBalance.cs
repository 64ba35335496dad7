namespace SmartGrid.Analytics.Theft;

/// <summary>
/// The concentrator's energy balance. For feeder g on day d, the loss ratio is
/// L = (F − Σ reported) / F over the feeder's members. Its technical part is taken as the feeder's
/// 10th-percentile daily ratio (losses a feeder always has); the excess U = max(0, L − L_10)·F is
/// unexplained energy. U is shared among the members by their shortfall against their own typical
/// day, max(0, typical − reported), and each member's share is expressed as a fraction of its
/// typical day (<see cref="TheftFeature.BalanceAttributed"/>). The robust z of L against the
/// feeder's days is <see cref="TheftFeature.BalanceLossZ"/>.
/// </summary>
internal static class EnergyBalance
{
    private const double TechnicalQuantile = 0.1;

    public static void Apply(IReadOnlyList<FeederDays> feeders, HouseholdStatistics[] households)
    {
        var byId = new Dictionary<string, HouseholdStatistics>(StringComparer.Ordinal);
        foreach (var h in households)
        {
            byId[h.Household.Id] = h;
        }

        var lossZ = households.ToDictionary(h => h, h => new double[h.Days]);
        var attributed = households.ToDictionary(h => h, h => new double[h.Days]);
        var scaleFit = households.ToDictionary(h => h, h => new double[h.Days]);
        var reversalFit = households.ToDictionary(h => h, h => new double[h.Days]);
        var intervalF = households.ToDictionary(h => h, h => new double[h.Days]);
        foreach (var feeder in feeders)
        {
            var members = feeder.MemberIds.Select(id => byId.TryGetValue(id, out var h)
                ? h
                : throw new AnalyticsInputException($"feeder {feeder.Id}: member {id} is not among the households", nameof(feeders))).ToArray();
            var dayIndex = members.Select(m => Enumerable.Range(0, m.Days).ToDictionary(d => m.Household.Dates[d])).ToArray();
            var ratios = new double[feeder.Dates.Count];
            for (var d = 0; d < feeder.Dates.Count; d++)
            {
                var fed = feeder.Readings[d].Sum();
                var reported = 0.0;
                for (var m = 0; m < members.Length; m++)
                {
                    if (dayIndex[m].TryGetValue(feeder.Dates[d], out var day))
                    {
                        reported += members[m].Totals[day];
                    }
                }

                ratios[d] = fed > 0 ? (fed - reported) / fed : 0;
            }

            if (ratios.Length == 0)
            {
                continue;
            }

            var sorted = (double[])ratios.Clone();
            Array.Sort(sorted);
            var technical = RobustStatistics.QuantileOfSorted(sorted, TechnicalQuantile);
            var z = RobustStatistics.RobustZ(ratios, 0.005);
            var n = members[0].N;
            var block = feeder.Readings.All(r => r.Length == n) ? IntervalBalance.BlockLength(feeder.Readings, n) : 0;
            for (var d = 0; d < feeder.Dates.Count; d++)
            {
                var unexplained = Math.Max(0, ratios[d] - technical) * feeder.Readings[d].Sum();
                var shortfalls = new double[members.Length];
                var days = new int[members.Length];
                for (var m = 0; m < members.Length; m++)
                {
                    days[m] = dayIndex[m].TryGetValue(feeder.Dates[d], out var day) ? day : -1;
                    shortfalls[m] = days[m] < 0 ? 0 : Math.Max(0, members[m].TypicalTotal - members[m].Totals[days[m]]);
                }

                var totalShortfall = shortfalls.Sum();
                for (var m = 0; m < members.Length; m++)
                {
                    if (days[m] < 0)
                    {
                        continue;
                    }

                    lossZ[members[m]][days[m]] = z[d];
                    var share = totalShortfall > 0 ? shortfalls[m] / totalShortfall : 0;
                    attributed[members[m]][days[m]] = unexplained * share / (members[m].TypicalTotal + (members[m].N * members[m].Epsilon));
                }

                if (block > 0)
                {
                    var fits = IntervalBalance.Fit(feeder.Readings[d], [.. members.Select((h, m) => days[m] < 0 ? null : h.Household.Readings[days[m]])], technical, block);
                    for (var m = 0; m < members.Length; m++)
                    {
                        if (days[m] >= 0)
                        {
                            scaleFit[members[m]][days[m]] = fits[m].Scale;
                            reversalFit[members[m]][days[m]] = fits[m].Reversal;
                            intervalF[members[m]][days[m]] = fits[m].LogF;
                        }
                    }
                }
            }
        }

        foreach (var h in households)
        {
            h.Set(TheftFeature.BalanceLossZ, lossZ[h]);
            h.Set(TheftFeature.BalanceAttributed, attributed[h]);
            h.Set(TheftFeature.BalanceScaleFit, scaleFit[h]);
            h.Set(TheftFeature.BalanceReversalFit, reversalFit[h]);
            h.Set(TheftFeature.BalanceIntervalF, intervalF[h]);
        }
    }
}
