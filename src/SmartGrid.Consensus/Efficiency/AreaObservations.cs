using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// The efficiency observation of one validator's area in one block (docs/POEF.md §4.1), from the
/// <see cref="AreaWindow"/> of the head the block anchors: forecast error of the feeder's load,
/// energy-balance losses against the meters' registers, and completeness of the meters' readings.
/// </summary>
/// <remarks>
/// Integer arithmetic only (forecasts rounded to whole watts), so every validator that reads the
/// same blocks computes the same observation on any machine.
/// </remarks>
public static class AreaObservations
{
    /// <summary>Feeder readings of history the forecasts use at most (a day of quarter-hours).</summary>
    public const int HistoryReadings = 96;

    /// <summary>Readings the moving-average forecast averages.</summary>
    public const int MovingAverageReadings = 4;

    /// <summary>Readings a household needs in the window to be ranked for rewards: one reading's load factor is 1 whatever it did.</summary>
    public const int MinimumRewardSteps = 4;

    /// <summary>Feeder power above which a reading is clipped (10 GW): keeps every sum within 128 bits.</summary>
    public const long MaxWatts = 10_000_000_000;

    /// <summary>
    /// The observation of an area that shows nothing in a block (its head is not anchored, or the
    /// head has no feeder reading): total forecast error, total losses, no data. Absence never scores
    /// better than a poor showing.
    /// </summary>
    public static readonly EfficiencyObservation Absent = new(EfficiencyObservation.Whole, EfficiencyObservation.Whole, 0);

    /// <summary>The observation of <paramref name="window"/>; <see cref="Absent"/> when it has no feeder reading.</summary>
    public static EfficiencyObservation Of(AreaWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Feeder.IsDefaultOrEmpty)
        {
            return Absent;
        }

        var from = window.Feeder.Min(r => r.Start);
        var to = window.Feeder.Max(r => r.End);
        ImmutableArray<ImmutableArray<RegisterReading>> meters = window.Meters.IsDefault ? [] : [.. window.Meters.Select(m => m.Readings)];
        return new EfficiencyObservation(
            ForecastError(window.History.IsDefault ? [] : window.History, window.Feeder),
            Losses(window.Feeder, meters, from, to),
            Completeness(meters, window.SilentMeters, window.Feeder.Length, from, to));
    }

    /// <summary>
    /// The smaller weighted absolute percentage error (Σ|y - f| / Σy, in bp) of two one-step-ahead
    /// forecasts of each window reading's mean power from the readings before it: the mean of the
    /// last <see cref="MovingAverageReadings"/>, and an AR(1) with intercept fitted by least squares
    /// to the last <see cref="HistoryReadings"/> (at least three). <see cref="EfficiencyObservation.Whole"/>
    /// when neither can forecast (no history).
    /// </summary>
    public static uint ForecastError(ImmutableArray<FeederReading> history, ImmutableArray<FeederReading> window)
    {
        var series = new List<long>(history.Length + window.Length);
        series.AddRange(history.Select(Watts));
        Int128 actual = 0;
        Int128 movingError = 0;
        Int128 regressionError = 0;
        var moving = true;
        var regression = true;
        foreach (var reading in window)
        {
            var y = Watts(reading);
            var known = series.Count > HistoryReadings ? series.GetRange(series.Count - HistoryReadings, HistoryReadings) : series;
            moving &= MovingAverage(known) is { } m && Accumulate(ref movingError, y, m);
            regression &= AutoRegression(known) is { } r && Accumulate(ref regressionError, y, r);
            actual += y;
            series.Add(y);
        }

        var best = Math.Min(moving ? Percentage(movingError, actual) : uint.MaxValue, regression ? Percentage(regressionError, actual) : uint.MaxValue);
        return best == uint.MaxValue ? EfficiencyObservation.Whole : best;
    }

    /// <summary>
    /// (F - M) / F in bp, 0 when the meters account for everything (or the feeder delivered
    /// nothing): F the feeder's energy over the window, M each meter's import register at the
    /// window's end minus at its start (at its first reading in the window for a meter with none
    /// before it; never below 0).
    /// </summary>
    public static uint Losses(ImmutableArray<FeederReading> feeder, ImmutableArray<ImmutableArray<RegisterReading>> meters, DateTimeOffset from, DateTimeOffset to)
    {
        Int128 delivered = 0;
        foreach (var reading in feeder)
        {
            delivered += reading.ImportWh;
        }

        Int128 metered = 0;
        foreach (var readings in meters)
        {
            if (RegisterAt(readings, to) is { } end && (RegisterAt(readings, from) ?? FirstAfter(readings, from)) is { } start && end > start)
            {
                metered += (Int128)end - start;
            }
        }

        if (delivered == 0 || metered >= delivered)
        {
            return 0;
        }

        return (uint)Int128.Min((delivered - metered) * EfficiencyObservation.Whole / delivered, EfficiencyObservation.MaxBp);
    }

    /// <summary>
    /// The meters expected in a concentrator's head block and missing from it (POEF.md §4.1): each
    /// meter the chain anchored in its blocks before the head (<paramref name="recentlyAnchored"/>),
    /// and each the head's events name <see cref="ChainEventKind.MeterSilent"/>, that the head does
    /// not anchor; each counted once. A meter left out of a block without a word is missing like a
    /// silent one: leaving it out cannot raise the completeness.
    /// </summary>
    public static int MissingMeters(IEnumerable<DeviceId> recentlyAnchored, ImmutableArray<Anchor> headAnchors, ImmutableArray<ChainEvent> headEvents)
    {
        ArgumentNullException.ThrowIfNull(recentlyAnchored);
        var anchored = (headAnchors.IsDefault ? [] : headAnchors).Where(a => a.ChildRole == DeviceRole.Meter).Select(a => a.Child).ToHashSet();
        var silent = (headEvents.IsDefault ? [] : headEvents).Where(e => e.Kind == ChainEventKind.MeterSilent).Select(e => e.Subject);
        return recentlyAnchored.Concat(silent).Where(m => !anchored.Contains(m)).Distinct().Count();
    }

    /// <summary>
    /// Readings present over readings expected, in bp: each anchored meter is expected to cover the
    /// window with readings of its own interval length; each missing meter (silent, left out, or
    /// unreadable) is expected to have as many as the median anchored meter (the feeder's reading
    /// count when none is anchored).
    /// </summary>
    public static uint Completeness(ImmutableArray<ImmutableArray<RegisterReading>> meters, int silentMeters, int feederReadings, DateTimeOffset from, DateTimeOffset to)
    {
        var window = (to - from).Ticks;
        long present = 0;
        var expected = new List<long>(meters.Length);
        foreach (var readings in meters)
        {
            if (readings.IsDefaultOrEmpty || readings[^1].End <= readings[^1].Start)
            {
                // Anchored, but no import reading to count: expected like a silent meter.
                silentMeters++;
                continue;
            }

            var each = Math.Max(1, window / (readings[^1].End - readings[^1].Start).Ticks);
            expected.Add(each);
            present += Math.Min(each, readings.Where(r => r.Start >= from && r.End <= to).Select(r => r.Start).Distinct().LongCount());
        }

        expected.Sort();
        var perSilent = expected.Count > 0 ? expected[expected.Count / 2] : Math.Max(1, feederReadings);
        var total = expected.Sum() + (Math.Max(0, silentMeters) * perSilent);
        return total == 0 ? 0 : (uint)Math.Min(present * EfficiencyObservation.Whole / total, EfficiencyObservation.Whole);
    }

    /// <summary>
    /// What the reward ranking (POEF.md §8) needs of each anchored meter whose window is fully
    /// known: its consumption over the window, over the window of equal length just before it
    /// (its baseline), and its largest step in the window; meters whose register is not known at
    /// both ends of both windows, that used nothing in either, or with fewer than
    /// <see cref="MinimumRewardSteps"/> readings ending in the window, are not ranked.
    /// </summary>
    public static ImmutableArray<HouseholdWindow> Households(AreaWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Feeder.IsDefaultOrEmpty || window.Meters.IsDefaultOrEmpty)
        {
            return [];
        }

        var from = window.Feeder.Min(r => r.Start);
        var to = window.Feeder.Max(r => r.End);
        var households = ImmutableArray.CreateBuilder<HouseholdWindow>();
        foreach (var meter in window.Meters)
        {
            var readings = meter.Readings;
            if (RegisterAt(readings, to) is not { } end || RegisterAt(readings, from) is not { } start || RegisterAt(readings, from - (to - from)) is not { } before)
            {
                continue;
            }

            // Differences of signed registers in 128 bits: a bogus register cannot wrap into a huge use.
            var steps = 0;
            Int128 peak = 0;
            for (var i = 1; i < readings.Length; i++)
            {
                if (readings[i].End > from && readings[i].End <= to)
                {
                    steps++;
                    peak = Int128.Max(peak, (Int128)readings[i].ImportWh - readings[i - 1].ImportWh);
                }
            }

            var used = (Int128)end - start;
            var baseline = (Int128)start - before;
            if (used > 0 && used <= long.MaxValue && baseline > 0 && baseline <= long.MaxValue && steps >= MinimumRewardSteps && peak > 0 && peak <= long.MaxValue)
            {
                households.Add(new HouseholdWindow(meter.Meter, (long)used, (long)baseline, steps, (long)peak));
            }
        }

        return households.ToImmutable();
    }

    private static long Watts(FeederReading reading)
    {
        var milliseconds = (reading.End - reading.Start).Ticks / TimeSpan.TicksPerMillisecond;
        var watts = (Int128)reading.ImportWh * 3_600_000 / Math.Max(1, milliseconds);
        return (long)Int128.Min(watts, MaxWatts);
    }

    private static long? MovingAverage(List<long> known)
    {
        if (known.Count == 0)
        {
            return null;
        }

        var count = Math.Min(MovingAverageReadings, known.Count);
        Int128 sum = 0;
        for (var i = known.Count - count; i < known.Count; i++)
        {
            sum += known[i];
        }

        return (long)RoundedDivision(sum, count);
    }

    // x_t = a + φ·x_(t-1) by least squares over the pairs of `known`, φ clipped to [-1, 1]; the
    // forecast a + φ·x_last is kept as one fraction and rounded once.
    private static long? AutoRegression(List<long> known)
    {
        var n = known.Count - 1;
        if (n < 2)
        {
            return null;
        }

        Int128 sumX = 0, sumY = 0, sumXX = 0, sumXY = 0;
        for (var t = 1; t <= n; t++)
        {
            Int128 x = known[t - 1];
            Int128 y = known[t];
            sumX += x;
            sumY += y;
            sumXX += x * x;
            sumXY += x * y;
        }

        var denominator = (n * sumXX) - (sumX * sumX);
        if (denominator == 0)
        {
            return (long)Int128.Max(0, RoundedDivision(sumY, n));
        }

        var numerator = Int128.Clamp((n * sumXY) - (sumX * sumY), -denominator, denominator);
        var forecast = RoundedDivision((sumY * denominator) - (numerator * sumX) + (numerator * n * known[^1]), n * denominator);
        return (long)Int128.Clamp(forecast, 0, MaxWatts);
    }

    private static bool Accumulate(ref Int128 error, long actual, long forecast)
    {
        error += Int128.Abs((Int128)actual - forecast);
        return true;
    }

    private static uint Percentage(Int128 error, Int128 actual) =>
        actual == 0
            ? (error == 0 ? 0 : EfficiencyObservation.MaxBp)
            : (uint)Int128.Min(error * EfficiencyObservation.Whole / actual, EfficiencyObservation.MaxBp);

    private static long? RegisterAt(ImmutableArray<RegisterReading> readings, DateTimeOffset at)
    {
        long? found = null;
        foreach (var reading in readings)
        {
            if (reading.End <= at)
            {
                found = reading.ImportWh;
            }
        }

        return found;
    }

    private static long? FirstAfter(ImmutableArray<RegisterReading> readings, DateTimeOffset at)
    {
        foreach (var reading in readings)
        {
            if (reading.End > at)
            {
                return reading.ImportWh;
            }
        }

        return null;
    }

    private static Int128 RoundedDivision(Int128 numerator, Int128 denominator)
    {
        var half = denominator / 2;
        return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
    }
}
