using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// Finds meters whose reading drifts slowly against their cohort. For each meter and period (a day,
/// say), y = ln(meter / median of the other meters) where both are positive; a least-squares line of y
/// against time in days (<see cref="DriftLine"/>) gives the drift slope. Common causes (weather, holidays) cancel in the ratio; a
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

        // Per period, the positive values of the cohort sorted once: a meter's reference is the median of
        // the others, read from that array without the meter's own element.
        var series = consumptionByMeter.ToDictionary(
            p => p.Key,
            p => Enumerable.Range(0, p.Value.Count).Where(i => !p.Value.IsMissing(i)).Select(i => (Time: p.Value.Times[i], Value: p.Value[0, i], End: p.Value.EndOf(i))).ToList(),
            StringComparer.Ordinal);
        var cohortByTime = series.Values.SelectMany(s => s).Where(p => p.Value > 0)
            .GroupBy(p => p.Time)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).Order().ToArray());
        var faults = new List<MeterFault>();
        foreach (var meter in series.Keys.Order(StringComparer.Ordinal))
        {
            var line = default(DriftLine);
            DateTimeOffset? first = null;
            var last = default(DateTimeOffset);
            foreach (var (time, value, end) in series[meter].OrderBy(p => p.Time))
            {
                if (value > 0 && cohortByTime[time] is { Length: >= 3 } cohort)
                {
                    first ??= time;
                    last = end;
                    line.Add((time - first.Value).TotalDays, Math.Log(value / DriftLine.MedianExcluding(cohort, Array.BinarySearch(cohort, value))));
                }
            }

            if (first is { } start && line.IsDrift(o))
            {
                faults.Add(new MeterFault(meter, MeterFaultKind.Drifting, start, last, line.Change, line.Evidence()));
            }
        }

        return faults;
    }
}
