using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>What someone who can rewrite stored blocks but holds no device key can do.</summary>
internal static class Tamper
{
    /// <summary>
    /// The block re-assembled with one raw value changed by <paramref name="delta"/> and the
    /// original signature kept: canonical bytes, a different hash, a signature that no longer fits.
    /// </summary>
    public static MeterBlock WithChangedValue(MeterBlock block, int reading = 0, int channel = 0, long delta = -1)
    {
        var readings = block.Profile.Readings;
        var values = readings[reading].Values;
        var changed = readings[reading] with { Values = values.SetItem(channel, values[channel] + delta) };
        var profile = new LoadProfile(block.Profile.Channels, readings.SetItem(reading, changed));
        return MeterBlock.Assemble(block.MeterId, block.Sequence, block.KeySerial, block.Previous, block.Timestamp, profile, block.Signature);
    }
}
