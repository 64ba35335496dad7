namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Features of the day's edges and direction of time:
/// <list type="bullet">
/// <item><see cref="TheftFeature.MidnightStepZ"/>: consumption runs on across midnight, a tampered
/// day does not. With h = the first hour's energy of a day and e = its last hour's, the step into
/// the day is log(h_d / e_(d−1)) and out of it log(h_(d+1) / e_d); h1 scales both edges of the day,
/// so their difference moves by 2·log a. Robust z of the difference against the household's days
/// (a missing neighbouring date counts as no step).</item>
/// <item><see cref="TheftFeature.IrreversibilityZ"/>: the skewness of the day's increments
/// x_(t+1) − x_t, a classic test of time reversibility: loads that switch on sharply and fade
/// slowly (or the reverse) give the household a sign, and a reversed day (h6) flips it exactly.
/// Robust z, signed so that positive is against the household's usual direction.</item>
/// </list>
/// </summary>
internal static class ContinuityFeatures
{
    private const double StepFloor = 0.05;
    private const double SkewFloor = 0.05;

    public static void Compute(HouseholdStatistics statistics, double[][] days)
    {
        var count = statistics.Days;
        var n = statistics.N;
        var edge = Math.Max(1, n / 24);
        var offset = (0.1 * statistics.TypicalTotal / 24) + statistics.Epsilon;
        var dates = statistics.Household.Dates;
        var step = new double[count];
        var skew = new double[count];
        for (var d = 0; d < count; d++)
        {
            var head = Math.Log(Sum(days[d].AsSpan(0, edge)) + offset);
            var tail = Math.Log(Sum(days[d].AsSpan(n - edge)) + offset);
            var into = d > 0 && dates[d].DayNumber - dates[d - 1].DayNumber == 1
                ? head - Math.Log(Sum(days[d - 1].AsSpan(n - edge)) + offset)
                : 0;
            var outOf = d + 1 < count && dates[d + 1].DayNumber - dates[d].DayNumber == 1
                ? Math.Log(Sum(days[d + 1].AsSpan(0, edge)) + offset) - tail
                : 0;
            step[d] = into - outOf;
            skew[d] = IncrementSkewness(days[d]);
        }

        statistics.Set(TheftFeature.MidnightStepZ, RobustStatistics.RobustZ(step, StepFloor));
        var z = RobustStatistics.RobustZ(skew, SkewFloor);
        var direction = Math.Sign(RobustStatistics.Median(skew));
        statistics.Set(TheftFeature.IrreversibilityZ, [.. z.Select(v => direction == 0 ? Math.Abs(v) : -direction * v)]);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Third standardised moment of the increments x_(t+1) − x_t (0 for a flat day).</summary>
    public static double IncrementSkewness(double[] day)
    {
        double second = 0, third = 0;
        for (var t = 1; t < day.Length; t++)
        {
            var delta = day[t] - day[t - 1];
            second += delta * delta;
            third += delta * delta * delta;
        }

        var m = day.Length - 1;
        second /= m;
        third /= m;
        return second > 1e-18 ? third / Math.Pow(second, 1.5) : 0;
    }
}
