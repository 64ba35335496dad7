namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// One or more channels of samples sharing their timestamps: the RMS voltage of phases L1-L3, a
/// frequency, a THD, an energy register. Sample <c>i</c> stands for the interval
/// [<c>Times[i]</c>, <c>Times[i] + SampleInterval</c>). A NaN value is a missing sample; a step between
/// timestamps longer than 1.5 sample intervals is a gap. Events never bridge a missing sample or a gap.
/// </summary>
public sealed class SampledSeries
{
    private readonly DateTimeOffset[] _times;
    private readonly double[][] _channels;

    /// <summary>
    /// Checks and copies the samples. Timestamps must be strictly increasing; every channel must hold one
    /// value per timestamp; values are finite or NaN (missing). Without <paramref name="sampleInterval"/>
    /// the interval is the median step between timestamps.
    /// </summary>
    /// <exception cref="AnalyticsInputException">The samples are empty, unsorted, of unequal lengths,
    /// infinite, or the interval is not positive or cannot be inferred.</exception>
    public SampledSeries(IReadOnlyList<DateTimeOffset> times, IReadOnlyList<IReadOnlyList<double>> channels, TimeSpan? sampleInterval = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(channels);
        if (times.Count == 0)
        {
            throw new AnalyticsInputException("the series holds no samples", nameof(times));
        }

        if (channels.Count == 0)
        {
            throw new AnalyticsInputException("the series holds no channel", nameof(channels));
        }

        _times = [.. times];
        for (var i = 1; i < _times.Length; i++)
        {
            if (_times[i] <= _times[i - 1])
            {
                throw new AnalyticsInputException(
                    $"timestamps must be strictly increasing: sample {i} ({_times[i]:O}) is not after sample {i - 1} ({_times[i - 1]:O})",
                    nameof(times));
            }
        }

        _channels = new double[channels.Count][];
        for (var c = 0; c < channels.Count; c++)
        {
            var channel = channels[c] ?? throw new AnalyticsInputException($"channel {c} is null", nameof(channels));
            if (channel.Count != _times.Length)
            {
                throw new AnalyticsInputException(
                    $"channel {c} holds {channel.Count} values for {_times.Length} timestamps", nameof(channels));
            }

            _channels[c] = [.. channel];
            for (var i = 0; i < _channels[c].Length; i++)
            {
                if (double.IsInfinity(_channels[c][i]))
                {
                    throw new AnalyticsInputException($"channel {c} sample {i} is infinite", nameof(channels));
                }
            }
        }

        SampleInterval = sampleInterval ?? InferInterval(_times);
        if (SampleInterval <= TimeSpan.Zero)
        {
            throw new AnalyticsInputException($"the sample interval must be positive, not {SampleInterval}", nameof(sampleInterval));
        }

        for (var i = 1; i < _times.Length; i++)
        {
            if ((_times[i] - _times[i - 1]) * 2 < SampleInterval)
            {
                throw new AnalyticsInputException(
                    $"samples {i - 1} and {i} are {_times[i] - _times[i - 1]} apart, less than half the sample interval {SampleInterval}",
                    nameof(times));
            }
        }
    }

    /// <summary>The timestamps, strictly increasing.</summary>
    public IReadOnlyList<DateTimeOffset> Times => _times;

    /// <summary>The number of samples per channel.</summary>
    public int Count => _times.Length;

    /// <summary>The number of channels (phases).</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>The interval each sample stands for.</summary>
    public TimeSpan SampleInterval { get; }

    /// <summary>Creates a one-channel series.</summary>
    /// <exception cref="AnalyticsInputException">See the main constructor.</exception>
    public static SampledSeries Single(IReadOnlyList<DateTimeOffset> times, IReadOnlyList<double> values, TimeSpan? sampleInterval = null) =>
        new(times, [values], sampleInterval);

    /// <summary>Creates a series sampled every <paramref name="interval"/> from <paramref name="start"/>, one channel per array.</summary>
    /// <exception cref="AnalyticsInputException">The channels are empty or of unequal length, or the interval is not positive.</exception>
    public static SampledSeries Regular(DateTimeOffset start, TimeSpan interval, params IReadOnlyList<double>[] channels)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new AnalyticsInputException($"the sample interval must be positive, not {interval}", nameof(interval));
        }

        var count = channels.Length == 0 ? 0 : channels[0].Count;
        var times = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = start + (interval * i);
        }

        return new SampledSeries(times, channels, interval);
    }

    /// <summary>The values of channel <paramref name="channel"/>.</summary>
    public IReadOnlyList<double> Channel(int channel) => _channels[channel];

    /// <summary>The value of <paramref name="channel"/> at sample <paramref name="index"/> (NaN when missing).</summary>
    public double this[int channel, int index] => _channels[channel][index];

    /// <summary>The end of the interval sample <paramref name="index"/> stands for.</summary>
    public DateTimeOffset EndOf(int index) => _times[index] + SampleInterval;

    /// <summary>True when any channel is missing (NaN) at <paramref name="index"/>.</summary>
    public bool IsMissing(int index)
    {
        foreach (var channel in _channels)
        {
            if (double.IsNaN(channel[index]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the step from sample <paramref name="index"/> - 1 to <paramref name="index"/> is longer than 1.5 intervals.</summary>
    public bool IsGapBefore(int index) => index > 0 && (_times[index] - _times[index - 1]) * 2 > SampleInterval * 3;

    /// <summary>The number of missing intervals: NaN samples plus the intervals lost in gaps.</summary>
    public int MissingIntervals()
    {
        var missing = 0;
        for (var i = 0; i < _times.Length; i++)
        {
            if (IsMissing(i))
            {
                missing++;
            }

            if (IsGapBefore(i))
            {
                missing += (int)Math.Round((_times[i] - _times[i - 1]) / SampleInterval) - 1;
            }
        }

        return missing;
    }

    /// <summary>Throws when a channel holds a negative value (voltages, frequencies and THD cannot be negative).</summary>
    /// <exception cref="AnalyticsInputException">A value is negative.</exception>
    public void RequireNonNegative(string paramName)
    {
        for (var c = 0; c < _channels.Length; c++)
        {
            for (var i = 0; i < _channels[c].Length; i++)
            {
                if (_channels[c][i] < 0)
                {
                    throw new AnalyticsInputException($"channel {c} sample {i} is negative ({_channels[c][i]})", paramName);
                }
            }
        }
    }

    private static TimeSpan InferInterval(DateTimeOffset[] times)
    {
        if (times.Length < 2)
        {
            throw new AnalyticsInputException("a series of one sample needs its sample interval given", "sampleInterval");
        }

        var steps = new long[times.Length - 1];
        for (var i = 1; i < times.Length; i++)
        {
            steps[i - 1] = (times[i] - times[i - 1]).Ticks;
        }

        Array.Sort(steps);
        return TimeSpan.FromTicks(steps[steps.Length / 2]);
    }
}
