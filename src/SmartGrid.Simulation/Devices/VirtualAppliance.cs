using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Devices;

/// <summary>
/// A simulated smart appliance behind a household meter: it owns its key and its own chain of
/// reports, and draws a seeded share of the household's load. Its share of each interval is a pure
/// function of seed, appliance and time (counter-based), so a resumed fleet repeats exactly; the
/// shares of a household's appliances add up to at most <see cref="MaxTotalShare"/> of what the
/// meter records, so their reports never exceed the meter's reading.
/// </summary>
public sealed class VirtualAppliance
{
    /// <summary>Most of a household's energy its appliances draw together.</summary>
    public const double MaxTotalShare = 0.75;

    private readonly ulong _noiseSeed;
    private readonly double _baseShare;

    /// <summary>Creates appliance <paramref name="index"/> of <paramref name="count"/> behind <paramref name="household"/>.</summary>
    public VirtualAppliance(DeviceId id, DeviceId household, SigningKeyPair key, ulong noiseSeed, int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(count, index);
        Id = id;
        Household = household;
        Key = key ?? throw new ArgumentNullException(nameof(key));
        _noiseSeed = noiseSeed;

        // Base share in [0.2, 0.5) / count, scaled per interval by [0.5, 1.5): at most 0.75 / count each.
        _baseShare = (0.2 + (0.3 * Unit(-1))) / count;
    }

    /// <summary>The appliance's identity.</summary>
    public DeviceId Id { get; }

    /// <summary>The household meter whose blocks carry its reports.</summary>
    public DeviceId Household { get; }

    /// <summary>The appliance's signing key.</summary>
    public SigningKeyPair Key { get; }

    /// <summary>Serial of the certificate the appliance signs under (set when provisioned).</summary>
    public ulong KeySerial { get; set; }

    /// <summary>Sequence number of the next report.</summary>
    public ulong Sequence { get; private set; }

    /// <summary>Hash of the last report the appliance signed.</summary>
    public Hash256 Head { get; private set; } = Hash256.Zero;

    /// <summary>The whole Wh this appliance drew out of <paramref name="householdWh"/> in the interval starting at <paramref name="start"/>.</summary>
    public long DrawWh(DateTimeOffset start, TimeSpan interval, long householdWh)
    {
        if (householdWh <= 0)
        {
            return 0;
        }

        var counter = start.ToUnixTimeSeconds() / (long)interval.TotalSeconds;
        return (long)Math.Floor(householdWh * _baseShare * (0.5 + Unit(counter)));
    }

    /// <summary>Signs the next report over <paramref name="start"/> .. <paramref name="end"/>; the appliance's head moves on.</summary>
    public ApplianceReport Report(DateTimeOffset start, DateTimeOffset end, long energyWh)
    {
        var report = ApplianceReport.Create(Id, Household, Sequence, KeySerial, Head, start, end, (ulong)Math.Max(0, energyWh), Key);
        Sequence = report.Sequence + 1;
        Head = report.Hash;
        return report;
    }

    /// <summary>Re-aligns the appliance with its last report on the chain (a device restarted from its own memory).</summary>
    public void Resume(ApplianceReport lastReport)
    {
        ArgumentNullException.ThrowIfNull(lastReport);
        if (lastReport.ApplianceId != Id)
        {
            throw new ArgumentException($"report of appliance '{lastReport.ApplianceId}' cannot resume appliance '{Id}'", nameof(lastReport));
        }

        Sequence = lastReport.Sequence + 1;
        Head = lastReport.Hash;
    }

    private double Unit(long counter) => SplitMix64.UnitInterval(SplitMix64.At(_noiseSeed, counter));
}
