using System.Collections.Immutable;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>Load profiles over the six channels a household meter records.</summary>
internal static class Profiles
{
    /// <summary>The 15-minute interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    /// <summary>
    /// 1.8.0 Wh, 2.8.0 Wh, 32.7.0 V ×10^-1, 31.7.0 A ×10^-2, 14.7.0 Hz ×10^-2, 13.7.0 ×10^-3.
    /// </summary>
    public static ImmutableArray<Channel> SixChannels { get; } =
    [
        Channel.ActiveEnergyImportWh,
        Channel.ActiveEnergyExportWh,
        Channel.VoltageL1,
        Channel.CurrentL1,
        Channel.Frequency,
        Channel.PowerFactor,
    ];

    /// <summary>One reading of the six channels.</summary>
    public static IntervalReading Reading(DateTimeOffset start, long importWh, long exportWh = 0, long decivolts = 2300, long centiamps = 500, long centihertz = 5000, long powerFactor = 950, ReadingStatus status = ReadingStatus.None) =>
        new(start, Interval, status, [importWh, exportWh, decivolts, centiamps, centihertz, powerFactor]);

    /// <summary>
    /// <paramref name="count"/> consecutive 15-minute readings from <paramref name="start"/>; the
    /// import register starts at <paramref name="firstImportWh"/> and grows a little each interval.
    /// </summary>
    public static LoadProfile Consecutive(DateTimeOffset start, int count, long firstImportWh = 1_000_000)
    {
        var readings = ImmutableArray.CreateBuilder<IntervalReading>(count);
        var register = firstImportWh;
        for (var i = 0; i < count; i++)
        {
            readings.Add(Reading(start + (i * Interval), register, decivolts: 2290 + (i % 7), centiamps: 400 + (13 * i % 50)));
            register += 120 + (i % 5);
        }

        return new LoadProfile(SixChannels, readings.MoveToImmutable());
    }
}
