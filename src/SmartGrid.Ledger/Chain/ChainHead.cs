using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// The state a chain's next block is checked against: how many blocks it has, the hash of the
/// last one, and how far its time has run.
/// </summary>
/// <param name="Height">Number of blocks; the next block's sequence number.</param>
/// <param name="Hash">Hash of the last block, <see cref="Hash256.Zero"/> when empty.</param>
/// <param name="LastTimestamp">Timestamp of the last block, or null when empty.</param>
/// <param name="LastReadingEnd">End of the last reading of the last block, or null when empty.</param>
public readonly record struct ChainHead(long Height, Hash256 Hash, DateTimeOffset? LastTimestamp, DateTimeOffset? LastReadingEnd)
{
    /// <summary>
    /// The meter's 1.8.0 import register (Wh) at the end of the last block, or null when the chain is
    /// empty, is not a meter chain, or its last block has no such channel: the start of the span the
    /// next block's appliance reports are balanced against (<see cref="Appliances.ApplianceBalance"/>).
    /// </summary>
    public long? LastImportWh { get; init; }

    /// <summary>The head of an empty chain.</summary>
    public static ChainHead Genesis => new(0, Hash256.Zero, null, null);

    /// <summary>The head after appending <paramref name="block"/> at height <see cref="Height"/>.</summary>
    public ChainHead Advance(MeterBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new ChainHead(Height + 1, block.Hash, block.Timestamp, block.Profile.End)
        {
            LastImportWh = Appliances.ApplianceBalance.ImportRegisterWh(block.Profile, block.Profile.Readings.Length - 1),
        };
    }

    /// <summary>The head after appending a block of another tier (no readings of its own) at height <see cref="Height"/>.</summary>
    public ChainHead Advance(ISignedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block is MeterBlock meterBlock ? Advance(meterBlock) : new ChainHead(Height + 1, block.Hash, block.Timestamp, null);
    }
}
