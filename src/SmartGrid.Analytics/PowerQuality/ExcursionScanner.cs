namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// Finds threshold excursions with hysteresis, the event method of IEC 61000-4-30 applied to a sampled
/// RMS series: an excursion starts at the first sample past the start threshold and ends at the first
/// sample that meets the end threshold (start threshold plus hysteresis, on the far side). With
/// several channels and <c>allChannels</c> false (dips, swells) it starts when any channel crosses and
/// ends when every channel is back; with <c>allChannels</c> true (interruptions) it starts when every
/// channel is past and ends when any channel is back. A missing sample or a gap closes an open
/// excursion as censored.
/// </summary>
internal static class ExcursionScanner
{
    public static List<Excursion> Scan(SampledSeries series, ExcursionDirection direction, bool allChannels, double startThreshold, double endThreshold)
    {
        var below = direction == ExcursionDirection.Below;
        var triggerOnMin = below != allChannels;
        var found = new List<Excursion>();
        var first = -1;
        var censoredStart = false;
        var extreme = 0.0;
        var extremeChannel = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var broken = series.IsMissing(i) || series.IsGapBefore(i);
            if (first >= 0 && broken)
            {
                found.Add(new Excursion(first, i - 1, extreme, extremeChannel, Censored: true));
                first = -1;
            }

            if (series.IsMissing(i))
            {
                continue;
            }

            var trigger = Reduce(series, i, triggerOnMin, out _);
            if (first < 0)
            {
                if (below ? trigger < startThreshold : trigger > startThreshold)
                {
                    first = i;
                    censoredStart = i == 0 || series.IsGapBefore(i) || series.IsMissing(i - 1);
                    extreme = Reduce(series, i, below, out extremeChannel);
                }

                continue;
            }

            if (below ? trigger >= endThreshold : trigger <= endThreshold)
            {
                found.Add(new Excursion(first, i - 1, extreme, extremeChannel, censoredStart));
                first = -1;
                continue;
            }

            var value = Reduce(series, i, below, out var channel);
            if (below ? value < extreme : value > extreme)
            {
                extreme = value;
                extremeChannel = channel;
            }
        }

        if (first >= 0)
        {
            found.Add(new Excursion(first, series.Count - 1, extreme, extremeChannel, Censored: true));
        }

        return found;
    }

    /// <summary>Drops the excursions that overlap any of <paramref name="superseding"/> (a dip holding an interruption is reported as the interruption).</summary>
    public static List<Excursion> WithoutOverlaps(List<Excursion> excursions, List<Excursion> superseding) =>
        excursions.Where(e => !superseding.Any(s => s.Overlaps(e))).ToList();

    /// <summary>Turns an excursion into an event.</summary>
    public static PowerQualityEvent ToEvent(
        SampledSeries series,
        Excursion excursion,
        PowerQualityStandard standard,
        PowerQualityEventKind kind,
        PowerQualityDuration durationClass,
        string classification,
        double extremePercent) =>
        new(standard, kind, durationClass, classification, series.Times[excursion.First], series.EndOf(excursion.Last),
            excursion.Extreme, extremePercent, excursion.ExtremeChannel, excursion.Censored);

    /// <summary>The duration of an excursion: whole sample intervals.</summary>
    public static TimeSpan DurationOf(SampledSeries series, Excursion excursion) =>
        series.EndOf(excursion.Last) - series.Times[excursion.First];

    private static double Reduce(SampledSeries series, int index, bool min, out int channel)
    {
        channel = 0;
        var value = series[0, index];
        for (var c = 1; c < series.ChannelCount; c++)
        {
            var candidate = series[c, index];
            if (min ? candidate < value : candidate > value)
            {
                value = candidate;
                channel = c;
            }
        }

        return value;
    }
}
