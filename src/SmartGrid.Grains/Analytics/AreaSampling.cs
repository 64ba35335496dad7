using System.Collections.Immutable;
using SmartGrid.Analytics.Area;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Grains.Analytics;

/// <summary>
/// Turns verified meter blocks into the readings the area analytics needs (<see cref="AreaSamples"/>),
/// and those into the monitor's <see cref="MeterSample"/>s: one rule for the samples the meter
/// grains hand over and for blocks read back from the store.
/// </summary>
internal static class AreaSampling
{
    /// <summary>
    /// The readings of <paramref name="blocks"/> (consecutive, oldest first) that carry an import
    /// register; null when there are none to give.
    /// </summary>
    public static AreaSamples? Of(DeviceId meter, IReadOnlyList<MeterBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return null;
        }

        var capacity = blocks.Sum(b => b.Profile.Readings.Length);
        var ends = ImmutableArray.CreateBuilder<long>(capacity);
        var registers = ImmutableArray.CreateBuilder<long>(capacity);
        var volts = ImmutableArray.CreateBuilder<double>(capacity);
        foreach (var block in blocks)
        {
            var profile = block.Profile;
            if (profile.IndexOf(Obis.ActiveEnergyImport) < 0)
            {
                continue;
            }

            for (var i = 0; i < profile.Readings.Length; i++)
            {
                if (profile.Value(i, Obis.ActiveEnergyImport) is { } wh)
                {
                    ends.Add(profile.Readings[i].End.UtcTicks);
                    registers.Add((long)Math.Round(wh));
                    volts.Add(profile.Value(i, Obis.VoltageL1) ?? double.NaN);
                }
            }
        }

        return new AreaSamples
        {
            Meter = meter,
            FromSequence = blocks[0].Sequence,
            ThroughSequence = blocks[^1].Sequence,
            EndTicks = ends.DrainToImmutable(),
            ImportWh = registers.DrainToImmutable(),
            Voltage = volts.DrainToImmutable(),
        };
    }

    /// <summary>The samples as the monitor takes them (a NaN voltage is none).</summary>
    public static MeterSample[] ToMeterSamples(AreaSamples samples)
    {
        var result = new MeterSample[samples.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var volts = samples.Voltage[i];
            result[i] = new MeterSample(new DateTimeOffset(samples.EndTicks[i], TimeSpan.Zero), samples.ImportWh[i], double.IsNaN(volts) ? null : volts);
        }

        return result;
    }
}
