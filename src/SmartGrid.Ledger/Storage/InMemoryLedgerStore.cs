using System.Runtime.CompilerServices;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Storage;

/// <summary>
/// A ledger and PKI store in process memory, for tests and throw-away simulations. It follows
/// the same contract as the durable stores (conflicts, ordering), but nothing survives the process.
/// </summary>
public sealed class InMemoryLedgerStore : ILedgerStore, IPkiStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (ChainId Id, List<byte[]> Records)> _chains = new(StringComparer.Ordinal);
    private readonly Dictionary<(DeviceId, ulong), byte[]> _certificates = [];
    private readonly Dictionary<(DeviceId, ulong), byte[]> _revocations = [];

    /// <inheritdoc />
    public ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        AppendManyAsync(chain, height, [record], cancellationToken);

    /// <inheritdoc />
    public ValueTask AppendManyAsync(ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            var key = chain.ToString();
            var exists = _chains.TryGetValue(key, out var entry);
            var stored = exists ? entry.Records.Count : 0;
            if (stored != firstHeight)
            {
                // Checked before anything is created: a refused append leaves no empty chain behind.
                throw new LedgerConflictException(chain, firstHeight, stored);
            }

            if (records.Count == 0)
            {
                return ValueTask.CompletedTask;
            }

            if (!exists)
            {
                entry = (chain, []);
                _chains[key] = entry;
            }

            foreach (var record in records)
            {
                entry.Records.Add(record.ToArray());
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> GetHeightAsync(ChainId chain, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_chains.TryGetValue(chain.ToString(), out var entry) ? (long)entry.Records.Count : 0L);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> ReadTailAsync(ChainId chain, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_chains.TryGetValue(chain.ToString(), out var entry))
            {
                return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([]);
            }

            var from = Math.Max(0, entry.Records.Count - maxCount);
            var tail = new List<LedgerEntry>(entry.Records.Count - from);
            for (var i = from; i < entry.Records.Count; i++)
            {
                tail.Add(new LedgerEntry(i, entry.Records[i]));
            }

            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(tail);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ReadAsync(ChainId chain, long fromHeight = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LedgerEntry[] snapshot;
        lock (_gate)
        {
            snapshot = _chains.TryGetValue(chain.ToString(), out var entry)
                ? entry.Records.Select((r, i) => new LedgerEntry(i, r)).Where(e => e.Height >= fromHeight).ToArray()
                : [];
        }

        foreach (var item in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChainId> ListChainsAsync(DeviceRole? kind = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChainId[] ids;
        lock (_gate)
        {
            ids = _chains.Values.Select(v => v.Id).Where(id => kind is null || id.Kind == kind).ToArray();
        }

        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask PutCertificateAsync(DeviceCertificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_gate)
        {
            var key = (certificate.Subject, certificate.Serial);
            if (_certificates.TryGetValue(key, out var stored) && !stored.AsSpan().SequenceEqual(certificate.Encoded.Span))
            {
                throw new LedgerConflictException($"the store already holds a different certificate #{certificate.Serial} for '{certificate.Subject}'; it is never overwritten");
            }

            _certificates[key] = certificate.Encoded.ToArray();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PutRevocationAsync(CertificateRevocation revocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        lock (_gate)
        {
            // The earliest revocation time for a certificate wins.
            var key = (revocation.Subject, revocation.Serial);
            if (!_revocations.TryGetValue(key, out var stored) || CertificateRevocation.Decode(stored).RevokedAt > revocation.RevokedAt)
            {
                _revocations[key] = revocation.Encoded.ToArray();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadCertificatesAsync(DeviceId? subject = null, CancellationToken cancellationToken = default) =>
        Read(_certificates, subject, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadRevocationsAsync(DeviceId? subject = null, CancellationToken cancellationToken = default) =>
        Read(_revocations, subject, cancellationToken);

    /// <summary>Replaces the bytes of a stored record in place, as an attacker with access to the store could.</summary>
    public void Overwrite(ChainId chain, long height, byte[] bytes)
    {
        lock (_gate)
        {
            _chains[chain.ToString()].Records[(int)height] = bytes;
        }
    }

    /// <summary>Removes the record at <paramref name="height"/> (later records move down), as an attacker with access to the store could.</summary>
    public void Delete(ChainId chain, long height)
    {
        lock (_gate)
        {
            _chains[chain.ToString()].Records.RemoveAt((int)height);
        }
    }

    /// <summary>Swaps two stored records, as an attacker reordering a chain could.</summary>
    public void Swap(ChainId chain, long first, long second)
    {
        lock (_gate)
        {
            var records = _chains[chain.ToString()].Records;
            (records[(int)first], records[(int)second]) = (records[(int)second], records[(int)first]);
        }
    }

    /// <summary>Replaces a stored certificate's bytes in place, as an attacker with access to the store could.</summary>
    public void OverwriteCertificate(DeviceId subject, ulong serial, byte[] bytes)
    {
        lock (_gate)
        {
            _certificates[(subject, serial)] = bytes;
        }
    }

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> Read(Dictionary<(DeviceId, ulong), byte[]> source, DeviceId? subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[][] items;
        lock (_gate)
        {
            items = source.Where(kv => subject is null || kv.Key.Item1 == subject.Value).OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).Select(kv => kv.Value).ToArray();
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
