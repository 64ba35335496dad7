using System.Globalization;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// Simulated concentrator feeders for data whose true consumption is known: households (in id
/// order) in groups of a given size, each feeder reading = Σ true readings × (1 + technical loss),
/// the loss drawn per interval from U(2%, 4%) with the seed.
/// </summary>
public static class FeederSimulator
{
    /// <summary>The feeders of <paramref name="data"/> in groups of <paramref name="size"/>.</summary>
    public static IReadOnlyList<FeederDays> Build(TheftDataSet data, int size, int seed)
    {
        var random = new Random(seed);
        var ordered = data.Households.OrderBy(h => h.Id, StringComparer.Ordinal).ToArray();
        var feeders = new List<FeederDays>();
        for (var start = 0; start < ordered.Length; start += size)
        {
            var members = ordered.Skip(start).Take(size).ToArray();
            var dates = members.SelectMany(m => m.Dates).Distinct().Order().ToArray();
            var n = data.IntervalsPerDay;
            var readings = dates.Select(date =>
            {
                var sum = new double[n];
                foreach (var m in members)
                {
                    var d = Array.IndexOf(m.Dates, date);
                    if (d >= 0)
                    {
                        var day = (m.TrueReadings ?? m.Readings)[d];
                        for (var t = 0; t < n; t++)
                        {
                            sum[t] += Math.Max(0, day[t]);
                        }
                    }
                }

                for (var t = 0; t < n; t++)
                {
                    sum[t] *= 1.02 + (0.02 * random.NextDouble());
                }

                return sum;
            }).ToArray();
            feeders.Add(new FeederDays(string.Create(CultureInfo.InvariantCulture, $"FEEDER-{feeders.Count:D4}"), [.. members.Select(m => m.Id)], dates, readings));
        }

        return feeders;
    }
}
