using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests;

/// <summary>A ledger store that passes every call to another; tests override what they alter.</summary>
public abstract class DelegatingLedgerStore(ILedgerStore inner) : ILedgerStore
{
    /// <summary>The store calls go to.</summary>
    protected ILedgerStore Inner { get; } = inner;

    public virtual ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        Inner.AppendAsync(chain, height, record, cancellationToken);

    public virtual ValueTask AppendManyAsync(ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default) =>
        Inner.AppendManyAsync(chain, firstHeight, records, cancellationToken);

    public virtual ValueTask<long> GetHeightAsync(ChainId chain, CancellationToken cancellationToken = default) => Inner.GetHeightAsync(chain, cancellationToken);

    public virtual ValueTask<IReadOnlyList<LedgerEntry>> ReadTailAsync(ChainId chain, int maxCount, CancellationToken cancellationToken = default) => Inner.ReadTailAsync(chain, maxCount, cancellationToken);

    public virtual IAsyncEnumerable<LedgerEntry> ReadAsync(ChainId chain, long fromHeight = 0, CancellationToken cancellationToken = default) => Inner.ReadAsync(chain, fromHeight, cancellationToken);

    public virtual IAsyncEnumerable<ChainId> ListChainsAsync(DeviceRole? kind = null, CancellationToken cancellationToken = default) => Inner.ListChainsAsync(kind, cancellationToken);
}
