using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// The embedded ledger and PKI store. Each chain's newest blocks are rows of <c>tail</c>, in
/// arrival order, and <c>tail_rows</c> (keyed by chain and height) says which row holds each; every
/// <see cref="SqliteDatabase.PageSize"/> blocks are sealed into one row of <c>pages</c>
/// (length-prefixed records back to back), in the same transaction as the append that fills the
/// page. An append writes only its own records and the pages they complete, and never rewrites
/// history.
/// </summary>
/// <remarks>
/// Sealing deletes the page's <c>tail_rows</c> entries, which lie together, and not its data rows,
/// which lie one per table page among other chains' rows: deleting them there would write a table
/// page per block. A sweep follows the appends in arrival order instead and deletes the rows no
/// entry refers to, old enough that whole table pages empty at once. It keeps about two live
/// tails' worth of rows behind the newest (a row is usually sealed by then), so <c>tail</c> holds
/// up to about three times the unsealed blocks. Readers reach data rows only through
/// <c>tail_rows</c>, so a row waiting for the sweep is never read.
/// </remarks>
public sealed class SqliteLedgerStore : ILedgerStore, IPkiStore
{
    private const string HeightSql = "SELECT height FROM chains WHERE kind = $kind AND node = $node";
    private const string ChainHeightSql = "SELECT height FROM chains WHERE kind = ?1 AND node = ?2";
    private const string InsertTailSql = "INSERT INTO tail (kind, node, height, data) VALUES (?1, ?2, ?3, ?4)";
    private const string InsertTailRowSql = "INSERT INTO tail_rows (kind, node, height, row) VALUES (?1, ?2, ?3, last_insert_rowid())";
    private const string AdvanceChainSql = "INSERT INTO chains (kind, node, height) VALUES (?1, ?2, ?3) ON CONFLICT (kind, node) DO UPDATE SET height = excluded.height";
    private const string PageRowsSql = "SELECT r.height, r.row, t.data FROM tail_rows r LEFT JOIN tail t ON " + SameBlock + " WHERE r.kind = $kind AND r.node = $node AND r.height >= $from AND r.height < $to ORDER BY r.height";
    private const string InsertPageSql = "INSERT INTO pages (kind, node, first_height, count, data) VALUES ($kind, $node, $first, $count, $data)";
    private const string DeleteSealedSql = "DELETE FROM tail_rows WHERE kind = $kind AND node = $node AND height >= $from AND height < $to";
    private const string DeleteRowSql = "DELETE FROM tail WHERE rowid = ?1";
    private const string SweepSql = "DELETE FROM tail AS t WHERE t.rowid >= ?1 AND t.rowid < ?2 AND NOT EXISTS (SELECT 1 FROM tail_rows r WHERE " + SameBlock + ")";

    // An entry and the row it points at agree on chain and height as well: a row number SQLite
    // hands out again after a row was deleted by hand cannot lend one chain another's block.
    private const string SameBlock = "t.rowid = r.row AND t.kind = r.kind AND t.node = r.node AND t.height = r.height";

    // Reads name the tail's entries through SqliteDatabase.TailRows ({0}): `tail_rows`, or for a
    // file older than version 3 opened read-only, a view over its keyed tail.
    private const string TailSql = "SELECT r.height, t.data FROM {0} r JOIN tail t ON " + SameBlock + " WHERE r.kind = $kind AND r.node = $node ORDER BY r.height DESC LIMIT $limit";
    private const string TailFromSql = "SELECT r.height, t.data FROM {0} r JOIN tail t ON " + SameBlock + " WHERE r.kind = $kind AND r.node = $node AND r.height >= $from ORDER BY r.height";
    private const string ChainsSql = "SELECT kind, node FROM chains UNION SELECT kind, node FROM {0} UNION SELECT kind, node FROM pages ORDER BY 1, 2";

    private readonly SqliteDatabase _database;
    private readonly int _pageSize;

    // The sweep's place in each database's `tail` (one per file, however many stores write to
    // it), touched on the writer thread only (see the remarks).
    private static readonly ConditionalWeakTable<SqliteDatabase, Sweep> Sweeps = new();

    private readonly Sweep _sweep;
    private readonly string _tailSql;
    private readonly string _tailFromSql;
    private readonly string _chainsSql;

    /// <summary>Creates the store over an open database.</summary>
    public SqliteLedgerStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _pageSize = database.PageSize;
        _sweep = Sweeps.GetValue(database, static database =>
        {
            var sweep = new Sweep();
            database.BatchRolledBack += sweep.Restart;
            return sweep;
        });
        (_tailSql, _tailFromSql, _chainsSql) = (Named(TailSql), Named(TailFromSql), Named(ChainsSql));
        string Named(string sql) => string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, database.TailRows);
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        AppendManyAsync(chain, height, [record], cancellationToken);

    /// <inheritdoc />
    public ValueTask AppendManyAsync(ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);

        // One work item in the writer's batch, in its own savepoint: the height check, the
        // records (and the pages they complete) and the chain's new height are committed
        // together, or none of them is. No async wrapper: the caller awaits the writer's task.
        var write = _database.WriteAsync(writer => Append(writer, chain, firstHeight, records));
        return new ValueTask(cancellationToken.CanBeCanceled ? write.WaitAsync(cancellationToken) : write);
    }

    // On the writer thread: the chain's height is read and advanced once per append, whatever
    // its length (a trigger doing it per row cost a third of the writer's time per block).
    private bool Append(SqliteWriter writer, ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        var kind = (int)chain.Kind;
        var node = chain.Node.Value;
        var stored = writer.Statement(ChainHeightSql).Bind(1, kind).Bind(2, node).QueryInt64() ?? 0;
        if (stored != firstHeight)
        {
            throw new LedgerConflictException(chain, firstHeight, stored);
        }

        if (records.Count == 0)
        {
            return true;
        }

        var insert = writer.Statement(InsertTailSql);
        var refer = writer.Statement(InsertTailRowSql);
        var lastRow = 0L;
        var sealedRows = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var height = firstHeight + i;
            insert.Bind(1, kind).Bind(2, node).Bind(3, height).Bind(4, records[i].Span).Execute();
            lastRow = writer.LastInsertRowId;
            try
            {
                refer.Bind(1, kind).Bind(2, node).Bind(3, height).Execute();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                // A tail entry above the recorded height: the file was altered outside the store.
                throw new LedgerConflictException(chain, height, stored);
            }

            if ((height + 1) % _pageSize == 0)
            {
                SealPage(writer, chain, height + 1 - _pageSize);
                sealedRows += _pageSize;
            }
        }

        writer.Statement(AdvanceChainSql).Bind(1, kind).Bind(2, node).Bind(3, firstHeight + records.Count).Execute();
        _sweep.Advance(writer, lastRow, records.Count - sealedRows, 2 * records.Count);
        return true;
    }

    /// <inheritdoc />
    public ValueTask<long> GetHeightAsync(ChainId chain, CancellationToken cancellationToken = default)
    {
        using var connection = _database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = HeightSql;
        return ValueTask.FromResult(ReadHeight(command, chain));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LedgerEntry>> ReadTailAsync(ChainId chain, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);

        // The records actually stored last, newest first, from the tail and then the newest pages;
        // not "height - maxCount" from the directory, which an altered store could contradict.
        var newestFirst = new List<LedgerEntry>(maxCount);
        using var connection = _database.OpenRead();
        using var snapshot = connection.BeginTransaction(deferred: true);
        using (var tail = connection.CreateCommand())
        {
            tail.CommandText = _tailSql;
            Bind(tail, chain);
            tail.Parameters.AddWithValue("$limit", maxCount);
            using var rows = tail.ExecuteReader();
            while (rows.Read())
            {
                newestFirst.Add(new LedgerEntry(rows.GetInt64(0), (byte[])rows.GetValue(1)));
            }
        }

        if (newestFirst.Count < maxCount)
        {
            using var pages = connection.CreateCommand();
            pages.CommandText = "SELECT first_height, count, data FROM pages WHERE kind = $kind AND node = $node ORDER BY first_height DESC";
            Bind(pages, chain);
            using var reader = pages.ExecuteReader();
            while (newestFirst.Count < maxCount && reader.Read())
            {
                var entries = UnpackPage(reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2)).ToList();
                for (var i = entries.Count - 1; i >= 0 && newestFirst.Count < maxCount; i--)
                {
                    newestFirst.Add(entries[i]);
                }
            }
        }

        newestFirst.Reverse();
        await Task.CompletedTask.ConfigureAwait(false);
        return newestFirst;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ReadAsync(ChainId chain, long fromHeight = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _database.OpenRead();
        using var snapshot = connection.BeginTransaction(deferred: true);
        foreach (var entry in ReadRange(connection, chain, fromHeight, _tailFromSql))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChainId> ListChainsAsync(DeviceRole? kind = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _database.OpenRead();
        using var command = connection.CreateCommand();
        // Every chain any table knows of, so deleting a chain's directory row cannot hide its blocks
        // from an audit; rows whose id is not a device id cannot name a chain and are skipped.
        command.CommandText = _chainsSql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chainKind = (DeviceRole)reader.GetInt32(0);
            if ((kind is null || chainKind == kind) && DeviceId.TryParse(reader.GetString(1), out var node, out _))
            {
                yield return new ChainId(chainKind, node);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask PutCertificateAsync(DeviceCertificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var data = certificate.Encoded.ToArray();
        var subject = certificate.Subject.Value;
        var serial = unchecked((long)certificate.Serial);
        var stored = await _database.WriteAsync(writer =>
        {
            var insert = writer.Command("INSERT INTO certificates (subject, serial, data) VALUES ($subject, $serial, $data) ON CONFLICT (subject, serial) DO NOTHING");
            insert.Parameters.AddWithValue("$subject", subject);
            insert.Parameters.AddWithValue("$serial", serial);
            insert.Parameters.AddWithValue("$data", data);
            if (insert.ExecuteNonQuery() == 1)
            {
                return true;
            }

            var existing = writer.Command("SELECT data FROM certificates WHERE subject = $subject AND serial = $serial");
            existing.Parameters.AddWithValue("$subject", subject);
            existing.Parameters.AddWithValue("$serial", serial);
            return existing.ExecuteScalar() is byte[] bytes && bytes.AsSpan().SequenceEqual(data);
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!stored)
        {
            throw new LedgerConflictException($"the store already holds a different certificate #{certificate.Serial} for '{subject}'; it is never overwritten");
        }
    }

    /// <inheritdoc />
    public async ValueTask PutRevocationAsync(CertificateRevocation revocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        var data = revocation.Encoded.ToArray();
        var subject = revocation.Subject.Value;
        var serial = unchecked((long)revocation.Serial);
        var revokedAt = revocation.RevokedAt.ToUnixTimeSeconds();
        await _database.WriteAsync(writer =>
        {
            // A revocation only ever widens: an earlier time replaces a later one, never the reverse.
            var upsert = writer.Command("INSERT INTO revocations (subject, serial, revoked_at, data) VALUES ($subject, $serial, $at, $data) ON CONFLICT (subject, serial) DO UPDATE SET revoked_at = excluded.revoked_at, data = excluded.data WHERE excluded.revoked_at < revocations.revoked_at");
            upsert.Parameters.AddWithValue("$subject", subject);
            upsert.Parameters.AddWithValue("$serial", serial);
            upsert.Parameters.AddWithValue("$at", revokedAt);
            upsert.Parameters.AddWithValue("$data", data);
            return upsert.ExecuteNonQuery();
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadCertificatesAsync(DeviceId? subject = null, CancellationToken cancellationToken = default) =>
        ReadPki("certificates", subject, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadRevocationsAsync(DeviceId? subject = null, CancellationToken cancellationToken = default) =>
        ReadPki("revocations", subject, cancellationToken);

    /// <summary>Splits a sealed page into its records; a broken frame yields the rest as one record (which will not decode).</summary>
    internal static IEnumerable<LedgerEntry> UnpackPage(long firstHeight, int count, byte[] data)
    {
        var offset = 0;
        for (var i = 0; i < count && offset < data.Length; i++)
        {
            var length = -1;
            var header = 0;
            try
            {
                var reader = new CanonicalReader(data.AsSpan(offset));
                length = reader.ReadVarCount(0, data.Length - offset, "page record length");
                header = reader.Position;
            }
            catch (LedgerFormatException)
            {
            }

            if (length < 0 || offset + header + length > data.Length)
            {
                yield return new LedgerEntry(firstHeight + i, data.AsMemory(offset));
                yield break;
            }

            yield return new LedgerEntry(firstHeight + i, data.AsMemory(offset + header, length));
            offset += header + length;
        }
    }

    private static void Bind(SqliteCommand command, ChainId chain)
    {
        command.Parameters.AddWithValue("$kind", (int)chain.Kind);
        command.Parameters.AddWithValue("$node", chain.Node.Value);
    }

    private static long ReadHeight(SqliteCommand command, ChainId chain)
    {
        Bind(command, chain);
        return command.ExecuteScalar() is long height ? height : 0;
    }

    private void SealPage(SqliteWriter writer, ChainId chain, long firstHeight)
    {
        // Exactly the page's heights: an entry above them (which only an edit of the file could
        // leave) is neither sealed into this page nor deleted with its entries.
        var select = writer.Command(PageRowsSql);
        Bind(select, chain);
        select.Parameters.AddWithValue("$from", firstHeight);
        select.Parameters.AddWithValue("$to", firstHeight + _pageSize);
        var page = new CanonicalWriter(_pageSize * 512);
        var count = 0;
        var swept = new List<long>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var expected = firstHeight + count;
                if (reader.GetInt64(0) != expected || reader.IsDBNull(2))
                {
                    throw new InvalidOperationException($"{chain}: unsealed block {expected} is missing from the tail");
                }

                page.WriteSizedBytes((byte[])reader.GetValue(2));
                if (_sweep.Passed(reader.GetInt64(1)))
                {
                    swept.Add(reader.GetInt64(1));
                }

                count++;
            }
        }

        if (count != _pageSize)
        {
            throw new InvalidOperationException($"{chain}: unsealed block {firstHeight + count} is missing from the tail");
        }

        var insert = writer.Command(InsertPageSql);
        Bind(insert, chain);
        insert.Parameters.AddWithValue("$first", firstHeight);
        insert.Parameters.AddWithValue("$count", count);
        insert.Parameters.AddWithValue("$data", page.ToArray());
        insert.ExecuteNonQuery();

        var delete = writer.Command(DeleteSealedSql);
        Bind(delete, chain);
        delete.Parameters.AddWithValue("$from", firstHeight);
        delete.Parameters.AddWithValue("$to", firstHeight + _pageSize);
        delete.ExecuteNonQuery();

        // Rows the sweep went past while they were still unsealed (a chain that paused) will not
        // be visited again: they go now, one by one.
        var deleteRow = writer.Statement(DeleteRowSql);
        foreach (var row in swept)
        {
            deleteRow.Bind(1, row).Execute();
        }
    }

    // Where the sweep of `tail` stands, on the writer thread only. Positions and counts live in
    // memory and start afresh from the file when the database is opened, and when a batch is
    // rolled back whole: the rows its sweeps had deleted are back, behind the cursor.
    private sealed class Sweep
    {
        private const string FirstRowSql = "SELECT MIN(rowid) FROM tail";
        private const string LiveRowsSql = "SELECT COUNT(*) FROM tail_rows";

        private bool _loaded;
        private long _cursor;
        private long _live;

        // Whether the sweep has gone past `row` (rows below the cursor are not visited again).
        public bool Passed(long row) => _loaded && row < _cursor;

        // Reads the cursor and the live count from the file again at the next append.
        public void Restart() => _loaded = false;

        // After an append whose newest row is `lastRow` and which changed the live entries by
        // `liveDelta`: deletes unreferenced rows from the cursor on, at most `budget` rowids and
        // none within twice the live entries of the newest row.
        public void Advance(SqliteWriter writer, long lastRow, int liveDelta, int budget)
        {
            if (!_loaded)
            {
                _cursor = writer.Statement(FirstRowSql).QueryInt64() ?? lastRow;
                _live = writer.Statement(LiveRowsSql).QueryInt64() ?? 0;
                _loaded = true;
            }
            else
            {
                _live = Math.Max(0, _live + liveDelta);
            }

            var end = Math.Min(_cursor + budget, lastRow + 1 - (2 * _live));
            if (end <= _cursor)
            {
                return;
            }

            writer.Statement(SweepSql).Bind(1, _cursor).Bind(2, end).Execute();
            _cursor = end;
        }
    }

    private static IEnumerable<LedgerEntry> ReadRange(SqliteConnection connection, ChainId chain, long fromHeight, string tailFromSql)
    {
        using (var pages = connection.CreateCommand())
        {
            pages.CommandText = "SELECT first_height, count, data FROM pages WHERE kind = $kind AND node = $node AND first_height + count > $from ORDER BY first_height";
            Bind(pages, chain);
            pages.Parameters.AddWithValue("$from", fromHeight);
            using var reader = pages.ExecuteReader();
            while (reader.Read())
            {
                foreach (var entry in UnpackPage(reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2)))
                {
                    if (entry.Height >= fromHeight)
                    {
                        yield return entry;
                    }
                }
            }
        }

        using var tail = connection.CreateCommand();
        tail.CommandText = tailFromSql;
        Bind(tail, chain);
        tail.Parameters.AddWithValue("$from", fromHeight);
        using var rows = tail.ExecuteReader();
        while (rows.Read())
        {
            yield return new LedgerEntry(rows.GetInt64(0), (byte[])rows.GetValue(1));
        }
    }

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadPki(string table, DeviceId? subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = _database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = subject is null
            ? $"SELECT data FROM {table} ORDER BY subject, serial"
            : $"SELECT data FROM {table} WHERE subject = $subject ORDER BY serial";
        if (subject is { } s)
        {
            command.Parameters.AddWithValue("$subject", s.Value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return (byte[])reader.GetValue(0);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
