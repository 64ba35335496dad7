using SmartGrid.Ledger.Chain;

namespace SmartGrid.Ledger.Metering;

/// <summary>
/// A meter chain's interval energies: the steps of its active energy import register (1.8.0) from
/// one reading to the next, block after block. Feed the blocks of one chain in height order.
/// </summary>
public sealed class ImportSteps
{
    private long _last;

    /// <summary>
    /// Starts from <paramref name="register"/>, the register before the first block fed: that of the
    /// block before it, or 0 at a chain's start (a meter installed new, whose first step is its first reading).
    /// </summary>
    public ImportSteps(long register = 0) => _last = register;

    /// <summary>The register at the end of the last reading fed (or the starting register).</summary>
    public long Register => _last;

    /// <summary>The last import register a block carries, or null when it has no 1.8.0 channel.</summary>
    public static long? LastRegister(MeterBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var import = block.Profile.IndexOf(Obis.ActiveEnergyImport);
        return import < 0 ? null : block.Profile.Readings[^1].Values[import];
    }

    /// <summary>
    /// Each reading's start and energy in Wh (the register's step since the previous reading), oldest
    /// first; none for a block without a 1.8.0 channel, which leaves the register where it was.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Start, long Wh)> Of(MeterBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var import = block.Profile.IndexOf(Obis.ActiveEnergyImport);
        if (import < 0)
        {
            return [];
        }

        var steps = new List<(DateTimeOffset, long)>(block.Profile.Readings.Length);
        foreach (var reading in block.Profile.Readings)
        {
            var register = reading.Values[import];
            steps.Add((reading.Start, register - _last));
            _last = register;
        }

        return steps;
    }
}
