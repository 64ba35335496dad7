using MathNet.Numerics;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// Finds meters whose reading drifts slowly against their cohort. For each meter and period (a day,
/// say), y = ln(meter / median of the other meters) where both are positive; a least-squares line of y
/// against time in days gives the drift slope. Common causes (weather, holidays) cancel in the ratio; a
/// calibration error that grows by a factor g(t) adds ln g(t). A meter drifts when the fitted change over
/// the window, exp(slope × span) − 1, is at least 5 % in size and the slope's t statistic at least 4.
/// Household noise limits what this can see: with a day-to-day spread of 30 % in the ratio it takes
/// months of data to separate a 10 % drift from noise.
/// </summary>
public static class DriftDetector
{
    /// <summary>Checks every meter of one cohort.</summary>
    /// <param name="consumptionByMeter">Energy per period of each meter of the cohort (at least 3), one channel, aligned timestamps.</param>
    /// <param name="options">The rules; defaults when null.</param>
    /// <exception cref="AnalyticsInputException">The cohort has fewer than 3 meters, or an option is invalid.</exception>
    public static IReadOnlyList<MeterFault> Detect(IReadOnlyDictionary<string, SampledSeries> consumptionByMeter, FaultDetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(consumptionByMeter);
        var o = options ?? FaultDetectionOptions.Default;
        o.Validate();
        if (consumptionByMeter.Count < 3)
        {
            throw new AnalyticsInputException($"a cohort needs at least 3 meters, not {consumptionByMeter.Count}", nameof(consumptionByMeter));
        }

        var values = consumptionByMeter.ToDictionary(
            p => p.Key,
            p => Enumerable.Range(0, p.Value.Count).Where(i => !p.Value.IsMissing(i)).ToDictionary(i => p.Value.Times[i], i => (Value: p.Value[0, i], End: p.Value.EndOf(i))),
            StringComparer.Ordinal);
        var faults = new List<MeterFault>();
        foreach (var meter in values.Keys.Order(StringComparer.Ordinal))
        {
            var points = new List<(DateTimeOffset Time, DateTimeOffset End, double Y)>();
            foreach (var (time, (value, end)) in values[meter].OrderBy(p => p.Key))
            {
                var others = values.Where(p => p.Key != meter && p.Value.TryGetValue(time, out var v) && v.Value > 0)
                    .Select(p => p.Value[time].Value)
                    .ToList();
                if (value > 0 && others.Count >= 2)
                {
                    points.Add((time, end, Math.Log(value / Median(others))));
                }
            }

            if (points.Count < o.DriftMinimumPeriods)
            {
                continue;
            }

            var x = points.Select(p => (p.Time - points[0].Time).TotalDays).ToArray();
            var y = points.Select(p => p.Y).ToArray();
            var (intercept, slope) = Fit.Line(x, y);
            var t = TStatistic(x, y, intercept, slope);
            var change = Math.Exp(slope * (x[^1] - x[0])) - 1;
            if (Math.Abs(change) >= o.DriftMinimumRelative && Math.Abs(t) >= o.DriftMinimumT)
            {
                faults.Add(new MeterFault(meter, MeterFaultKind.Drifting, points[0].Time, points[^1].End, change,
                    $"reading against the cohort median changed by {change:P1} over {x[^1] - x[0]:0.#} days (slope {slope:E2} per day, t = {t:0.#}, {points.Count} periods)"));
            }
        }

        return faults;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double TStatistic(double[] x, double[] y, double intercept, double slope)
    {
        var meanX = x.Average();
        var sxx = x.Sum(v => (v - meanX) * (v - meanX));
        var rss = x.Zip(y, (xi, yi) => Math.Pow(yi - (intercept + (slope * xi)), 2)).Sum();
        var se = Math.Sqrt(rss / (x.Length - 2) / sxx);
        return se > 0 ? slope / se : slope == 0 ? 0 : Math.Sign(slope) * double.PositiveInfinity;
    }
}
