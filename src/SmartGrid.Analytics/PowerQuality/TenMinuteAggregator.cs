namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// Aggregates a series into clock-aligned 10-minute values as IEC 61000-4-30 does (square root of the
/// mean of the squared inputs). Missing samples are left out; a window with no sample gives no value. A
/// series whose interval does not divide 10 minutes is returned sample by sample, each its own value.
/// </summary>
internal static class TenMinuteAggregator
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public static bool CanAggregate(SampledSeries series) =>
        series.SampleInterval <= Window && Window.Ticks % series.SampleInterval.Ticks == 0;

    public static List<AggregatedValue> Aggregate(SampledSeries series)
    {
        var result = new List<AggregatedValue>();
        if (!CanAggregate(series))
        {
            for (var i = 0; i < series.Count; i++)
            {
                if (!series.IsMissing(i))
                {
                    result.Add(new AggregatedValue(series.Times[i], series.EndOf(i), ValuesAt(series, i)));
                }
            }

            return result;
        }

        var sums = new double[series.ChannelCount];
        var count = 0;
        var current = DateTimeOffset.MinValue;
        for (var i = 0; i < series.Count; i++)
        {
            if (series.IsMissing(i))
            {
                continue;
            }

            var start = WindowStart(series.Times[i]);
            if (start != current && count > 0)
            {
                result.Add(Close(current, sums, count));
                Array.Clear(sums);
                count = 0;
            }

            current = start;
            for (var c = 0; c < sums.Length; c++)
            {
                sums[c] += series[c, i] * series[c, i];
            }

            count++;
        }

        if (count > 0)
        {
            result.Add(Close(current, sums, count));
        }

        return result;
    }

    public static DateTimeOffset WindowStart(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % Window.Ticks), TimeSpan.Zero);

    private static AggregatedValue Close(DateTimeOffset start, double[] sums, int count) =>
        new(start, start + Window, sums.Select(s => Math.Sqrt(s / count)).ToArray());

    private static double[] ValuesAt(SampledSeries series, int index)
    {
        var values = new double[series.ChannelCount];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = series[c, index];
        }

        return values;
    }
}
