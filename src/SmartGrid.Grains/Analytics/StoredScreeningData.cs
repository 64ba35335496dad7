using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Analytics;

/// <summary>
/// What a theft screening reads from the ledger store, and only from there: a meter's interval
/// energies (the steps of its stored import register) and a concentrator's feeder readings and
/// <see cref="ChainEventKind.TheftSuspected"/> events (as its own signed blocks recorded them),
/// over a window of whole days. Each read starts at the first block the window needs, found by a
/// binary search on the chain's heights, so a read costs the window and O(log height), not the
/// chain's history. Blocks must decode and link to the block before them.
/// </summary>
internal static class StoredScreeningData
{
    /// <summary>A day grid: <paramref name="Days"/> days of <paramref name="Interval"/> slots from <paramref name="From"/>.</summary>
    public readonly record struct Window(DateTimeOffset From, int Days, TimeSpan Interval)
    {
        public DateTimeOffset To => From.AddDays(Days);

        public int PerDay => (int)(TimeSpan.TicksPerDay / Interval.Ticks);

        /// <summary>Day and slot of an instant inside the window, or null outside it.</summary>
        public (int Day, int Slot)? SlotOf(DateTimeOffset time)
        {
            var offset = time - From;
            var day = offset.Ticks / TimeSpan.TicksPerDay;
            return offset >= TimeSpan.Zero && day < Days ? ((int)day, (int)((offset.Ticks % TimeSpan.TicksPerDay) / Interval.Ticks)) : null;
        }

        public double[][] Empty()
        {
            var days = new double[Days][];
            for (var d = 0; d < days.Length; d++)
            {
                days[d] = new double[PerDay];
            }

            return days;
        }
    }

    /// <summary>A stored chain that cannot be used, with the sentence saying why.</summary>
    public sealed class UnusableChainException(string message) : Exception(message);

    /// <summary>
    /// The meter's energy per slot (kWh) from its stored chain: each reading's register step, in the
    /// slot of the reading's start (steps below zero are left at zero).
    /// </summary>
    /// <exception cref="UnusableChainException">A block does not decode or link, or its readings are not of the window's interval.</exception>
    public static async Task<double[][]> ReadMeterAsync(ILedgerStore store, DeviceId meter, Window window)
    {
        var chain = ChainId.Meter(meter);
        var first = await FirstHeightAsync(store, chain, bytes => MeterBlock.Decode(bytes).Profile.End > window.From);

        // The block before the window gives the register the first step is taken from (0 at the chain's start).
        var start = Math.Max(0, first - 1);
        var days = window.Empty();
        var steps = new ImportSteps();
        MeterBlock? previous = null;
        await foreach (var entry in store.ReadAsync(chain, start))
        {
            var block = DecodeLinked(entry, MeterBlock.Decode, chain, previous);
            previous = block;
            if (block.Profile.Start >= window.To)
            {
                break;
            }

            var taken = steps.Of(block);
            if (entry.Height < first)
            {
                continue;
            }

            if (block.Profile.Readings.FirstOrDefault(r => r.Duration != window.Interval) is { } other)
            {
                throw new UnusableChainException($"{chain} block {entry.Height} has readings of {other.Duration.TotalMinutes:0.#} min; the model scores days of {window.PerDay} readings of {window.Interval.TotalMinutes:0.#} min");
            }

            foreach (var (time, wh) in taken)
            {
                if (wh >= 0 && window.SlotOf(time) is var (day, slot))
                {
                    days[day][slot] = wh / 1000.0;
                }
            }
        }

        return days;
    }

    /// <summary>
    /// A concentrator's feeder energy per slot (kWh; a reading spanning several slots is shared evenly
    /// among them, as its daily totals are exact), and the (meter, time) of every theft alarm its
    /// chain signed from the window on.
    /// </summary>
    /// <exception cref="UnusableChainException">A block does not decode or link.</exception>
    public static async Task<(double[][] Feeder, HashSet<(string Meter, long TimeMs)> Alarms)> ReadConcentratorAsync(ILedgerStore store, DeviceId concentrator, Window window)
    {
        var chain = new ChainId(DeviceRole.Concentrator, concentrator);

        // A feeder reading of the window ends after its start and is sealed in a block at or after its
        // end, as is an alarm about one of its days.
        var first = await FirstHeightAsync(store, chain, bytes => AnchorBlock.Decode(bytes).Timestamp > window.From);
        var feeder = window.Empty();
        var alarms = new HashSet<(string, long)>();
        AnchorBlock? previous = null;
        await foreach (var entry in store.ReadAsync(chain, first))
        {
            var block = DecodeLinked(entry, AnchorBlock.Decode, chain, previous);
            previous = block;
            foreach (var reading in block.Header.Feeder)
            {
                var slots = (int)((reading.End - reading.Start).Ticks / window.Interval.Ticks);
                for (var k = 0; k < slots; k++)
                {
                    if (window.SlotOf(reading.Start + (window.Interval * k)) is var (day, slot))
                    {
                        feeder[day][slot] = reading.ImportWh / 1000.0 / slots;
                    }
                }
            }

            foreach (var item in block.Header.Events)
            {
                if (item.Kind == ChainEventKind.TheftSuspected)
                {
                    alarms.Add((item.Subject.Value, item.Time.ToUnixTimeMilliseconds()));
                }
            }
        }

        return (feeder, alarms);
    }

    // The lowest height whose block satisfies `after` (monotone along the chain), or the chain's height.
    private static async Task<long> FirstHeightAsync(ILedgerStore store, ChainId chain, Func<byte[], bool> after)
    {
        long low = 0, high = await store.GetHeightAsync(chain);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            byte[]? bytes = null;
            await foreach (var entry in store.ReadAsync(chain, middle))
            {
                bytes = entry.Bytes.ToArray();
                break;
            }

            if (bytes is null)
            {
                throw new UnusableChainException($"{chain} has no block {middle} below its recorded height {high}");
            }

            bool isAfter;
            try
            {
                isAfter = after(bytes);
            }
            catch (LedgerFormatException ex)
            {
                throw new UnusableChainException($"{chain} block {middle} does not decode: {ex.Message}");
            }

            (low, high) = isAfter ? (low, middle) : (middle + 1, high);
        }

        return low;
    }

    // A stored block, which must decode and link to the block read before it (when there is one).
    private static T DecodeLinked<T>(LedgerEntry entry, DecodeBlock<T> decode, ChainId chain, T? previous)
        where T : class, ISignedBlock
    {
        T block;
        try
        {
            block = decode(entry.Bytes.Span);
        }
        catch (LedgerFormatException ex)
        {
            throw new UnusableChainException($"{chain} block {entry.Height} does not decode: {ex.Message}");
        }

        return previous is null || block.Previous == previous.Hash
            ? block
            : throw new UnusableChainException($"{chain} block {entry.Height} does not link to block {entry.Height - 1}");
    }

    private delegate T DecodeBlock<out T>(ReadOnlySpan<byte> bytes);
}
