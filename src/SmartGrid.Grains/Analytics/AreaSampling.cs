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
    /// register, with their export registers when every one of them carries one and their phase 2
    /// and 3 voltages when any block records them; null when there are none to give.
    /// </summary>
    public static AreaSamples? Of(DeviceId meter, IReadOnlyList<MeterBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return null;
        }

        var capacity = blocks.Sum(b => b.Profile.Readings.Length);
        var threePhase = blocks.Any(b => b.Profile.IndexOf(Obis.VoltageL2) >= 0 || b.Profile.IndexOf(Obis.VoltageL3) >= 0);
        var ends = ImmutableArray.CreateBuilder<long>(capacity);
        var registers = ImmutableArray.CreateBuilder<long>(capacity);
        var exports = ImmutableArray.CreateBuilder<long>(capacity);
        var volts = ImmutableArray.CreateBuilder<double>(capacity);
        var voltsL2 = ImmutableArray.CreateBuilder<double>(threePhase ? capacity : 0);
        var voltsL3 = ImmutableArray.CreateBuilder<double>(threePhase ? capacity : 0);
        var everyExport = true;
        foreach (var block in blocks)
        {
            var profile = block.Profile;
            var import = profile.IndexOf(Obis.ActiveEnergyImport);
            if (import < 0)
            {
                continue;
            }

            var (export, l1, l2, l3) = (profile.IndexOf(Obis.ActiveEnergyExport), profile.IndexOf(Obis.VoltageL1), profile.IndexOf(Obis.VoltageL2), profile.IndexOf(Obis.VoltageL3));
            everyExport &= export >= 0;
            foreach (var reading in profile.Readings)
            {
                ends.Add(reading.End.UtcTicks);
                registers.Add((long)Math.Round(Scaled(profile, reading, import)));
                volts.Add(Scaled(profile, reading, l1));
                if (export >= 0)
                {
                    exports.Add((long)Math.Round(Scaled(profile, reading, export)));
                }

                if (threePhase)
                {
                    voltsL2.Add(Scaled(profile, reading, l2));
                    voltsL3.Add(Scaled(profile, reading, l3));
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
            ExportWh = everyExport ? exports.DrainToImmutable() : [],
            VoltageL2 = voltsL2.DrainToImmutable(),
            VoltageL3 = voltsL3.DrainToImmutable(),
        };
    }

    // A channel's value in engineering units, NaN when the profile does not record the channel.
    private static double Scaled(LoadProfile profile, IntervalReading reading, int channel) =>
        channel < 0 ? double.NaN : profile.Channels[channel].Scale(reading.Values[channel]);

    /// <summary>The samples as the monitor takes them (a NaN voltage is none).</summary>
    public static MeterSample[] ToMeterSamples(AreaSamples samples)
    {
        var result = new MeterSample[samples.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new MeterSample(
                new DateTimeOffset(samples.EndTicks[i], TimeSpan.Zero),
                samples.ImportWh[i],
                Volts(samples.Voltage, i),
                samples.ExportWh.IsDefaultOrEmpty ? null : samples.ExportWh[i],
                Volts(samples.VoltageL2, i),
                Volts(samples.VoltageL3, i));
        }

        return result;
    }

    private static double? Volts(ImmutableArray<double> volts, int i) => volts.IsDefaultOrEmpty || double.IsNaN(volts[i]) ? null : volts[i];
}
