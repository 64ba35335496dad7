using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Storage;

/// <summary>
/// Durable, append-only storage of chain segments. Records are opaque canonical bytes: the
/// store never interprets them, and readers verify what they read. Implementations seal older
/// records into pages so an append never rewrites history.
/// </summary>
public interface ILedgerStore
{
    /// <summary>
    /// Appends one record at <paramref name="height"/>, which must equal the chain's current
    /// height. Completes once the record is durable; the caller must not change
    /// <paramref name="record"/> before then.
    /// </summary>
    /// <exception cref="LedgerConflictException">The height is not the chain's next one; nothing was written.</exception>
    ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="records"/> at <paramref name="firstHeight"/> and the heights after it,
    /// all or none: one durable write for a device's backlog instead of one per record.
    /// <paramref name="firstHeight"/> must equal the chain's current height. Completes once every
    /// record is durable; the caller must not change them before then. With no records it only
    /// checks the height: nothing is written, and no chain is created.
    /// </summary>
    /// <exception cref="LedgerConflictException">The first height is not the chain's next one; nothing was written.</exception>
    ValueTask AppendManyAsync(ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default);

    /// <summary>Number of records in the chain (0 when it does not exist).</summary>
    ValueTask<long> GetHeightAsync(ChainId chain, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="maxCount"/> records of the chain, oldest first.</summary>
    ValueTask<IReadOnlyList<LedgerEntry>> ReadTailAsync(ChainId chain, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The records from <paramref name="fromHeight"/> on, in height order, as stored.</summary>
    IAsyncEnumerable<LedgerEntry> ReadAsync(ChainId chain, long fromHeight = 0, CancellationToken cancellationToken = default);

    /// <summary>Every chain of a kind (all kinds when null), in order.</summary>
    IAsyncEnumerable<ChainId> ListChainsAsync(DeviceRole? kind = null, CancellationToken cancellationToken = default);
}
