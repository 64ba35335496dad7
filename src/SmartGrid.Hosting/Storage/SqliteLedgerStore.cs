using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// The embedded ledger and PKI store. Each chain's newest blocks are rows of <c>tail</c>, in
/// arrival order, and the chain's row of <c>chains</c> lists them (<c>rows</c>, from height
/// <c>sealed</c> on); every <see cref="SqliteDatabase.PageSize"/> blocks are sealed into one row of
/// <c>pages</c> (length-prefixed records back to back), in the same transaction as the append that
/// fills the page. An append writes only its own records, its chain's row and the pages they
/// complete, and never rewrites history.
/// </summary>
/// <remarks>
/// <para>
/// An append's rows go to the end of <c>tail</c>, beside whatever other chain wrote last: in a
/// fleet's random order, the only page an append dirties away from the others is its chain's row
/// of <c>chains</c>, which holds the chain's height and the list together.
/// </para>
/// <para>
/// Sealing does not delete the page's data rows, which lie one per table page among other chains'
/// rows: deleting them there would write a table page per block. A sweep follows the appends in
/// arrival order instead and deletes the rows of heights their chain has sealed, old enough that
/// whole table pages empty at once. It keeps about two live tails' worth of rows behind the newest
/// (a row is usually sealed by then), so <c>tail</c> holds up to about three times the unsealed
/// blocks. Readers reach data rows only through a chain's list, so a row waiting for the sweep is
/// never read.
/// </para>
/// </remarks>
public sealed class SqliteLedgerStore : ILedgerStore, IPkiStore
{
    private const string HeightSql = "SELECT height FROM chains WHERE kind = $kind AND node = $node";
    private const string ChainSql = "SELECT height, sealed, rows FROM chains WHERE kind = ?1 AND node = ?2";
    private const string InsertTailSql = "INSERT INTO tail (kind, node, height, data) VALUES (?1, ?2, ?3, ?4)";
    private const string SaveChainSql = "INSERT INTO chains (kind, node, height, sealed, rows) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, node) DO UPDATE SET height = excluded.height, sealed = excluded.sealed, rows = excluded.rows";
    private const string PageRowSql = "SELECT kind, node, height, data FROM tail WHERE rowid = ?1";
    private const string InsertPageSql = "INSERT INTO pages (kind, node, first_height, count, data) VALUES ($kind, $node, $first, $count, $data)";
    private const string DeleteRowSql = "DELETE FROM tail WHERE rowid = ?1";

    // A row goes once its chain's directory row says its height is sealed (or not stored at all).
    // A row of a chain with no directory row stays: only an edit of the file leaves one, and its
    // first block is what still shows the chain (tail_origins). A stray row at a stored, unsealed
    // height, which only an edit could leave too, stays until its chain seals past it.
    private const string SweepSql = "DELETE FROM tail AS t WHERE t.rowid >= ?1 AND t.rowid < ?2 AND EXISTS (SELECT 1 FROM chains c WHERE c.kind = t.kind AND c.node = t.node AND (t.height < c.sealed OR t.height >= c.height))";

    // A listed row is read only if it holds the block the list places there: a row number SQLite
    // hands out again after a row was deleted by hand cannot lend one chain another's block.
    private const string ListedChainSql = "SELECT sealed, rows FROM chains WHERE kind = $kind AND node = $node";
    private const string ListedRowSql = "SELECT data FROM tail WHERE rowid = $row AND kind = $kind AND node = $node AND height = $height";
    // Listed with the kind filtered in each branch ({0}, {1}), so that listing the few validator or
    // utility chains reads their keys only, not a million meters' rows.
    private const string ChainsSql = "SELECT kind, node FROM chains{0} UNION SELECT kind, node FROM tail WHERE height = 0{1} UNION SELECT kind, node FROM pages{0} ORDER BY 1, 2";

    // A chain with no directory row that has a first block or a page: its row was deleted by hand.
    private const string StoredWithoutRowSql = "SELECT EXISTS (SELECT 1 FROM tail WHERE kind = ?1 AND node = ?2 AND height = 0) OR EXISTS (SELECT 1 FROM pages WHERE kind = ?1 AND node = ?2)";
    private const string OrphanFirstBlockSql = "SELECT data FROM tail WHERE kind = $kind AND node = $node AND height = 0 AND NOT EXISTS (SELECT 1 FROM pages WHERE kind = $kind AND node = $node) LIMIT 1";

    // A file older than version 4 opened read-only: its unsealed blocks through the view of its tail.
    private const string LegacyTailSql = "SELECT r.height, t.data FROM " + SqliteDatabase.LegacyTailRows + " r JOIN tail t ON t.rowid = r.row WHERE r.kind = $kind AND r.node = $node AND r.height >= $from ORDER BY r.height";
    private const string LegacyChainsSql = "SELECT kind, node FROM chains{0} UNION SELECT kind, node FROM " + SqliteDatabase.LegacyTailRows + "{0} UNION SELECT kind, node FROM pages{0} ORDER BY 1, 2";

    private readonly SqliteDatabase _database;
    private readonly int _pageSize;

    // The sweep's place in each database's `tail` (one per file, however many stores write to
    // it), touched on the writer thread only (see the remarks).
    private static readonly ConditionalWeakTable<SqliteDatabase, Sweep> Sweeps = new();

    private readonly Sweep _sweep;

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
        // A device's upload may wait a moment to share its flush with the fleet's next ones;
        // the chains of concentrators, substations and the utility (consensus rounds wait on
        // them) are committed at once.
        var write = _database.WriteAsync(writer => Append(writer, chain, firstHeight, records), singleStatement: false, bulk: chain.Kind is DeviceRole.Meter or DeviceRole.Appliance);
        return new ValueTask(cancellationToken.CanBeCanceled ? write.WaitAsync(cancellationToken) : write);
    }

    // On the writer thread: the chain's row is read and rewritten once per append, whatever its
    // length (a trigger advancing the height per row cost a third of the writer's time per block).
    private bool Append(SqliteWriter writer, ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        var kind = (int)chain.Kind;
        var node = chain.Node.Value;
        var rows = new List<long>(_pageSize);
        var found = writer.Statement(ChainSql).Bind(1, kind).Bind(2, node)
            .TryQueryRow(row => (row.Int64(0), row.Int64(1), TailRowList.TryDecode(row.Blob(2), rows)), out var directory);
        var (stored, sealedFrom, intact) = found ? directory : (0L, 0L, true);
        if (stored != firstHeight)
        {
            throw new LedgerConflictException(chain, firstHeight, stored);
        }

        if (records.Count == 0)
        {
            return true;
        }

        if (!found && writer.Statement(StoredWithoutRowSql).Bind(1, kind).Bind(2, node).QueryInt64() == 1)
        {
            // Blocks stored under no directory row: a new height 0 would fork the chain.
            throw new LedgerConflictException($"{chain} has stored blocks but no directory row (the file was altered outside the store); it takes no new first block");
        }

        if (!intact || sealedFrom + rows.Count != stored)
        {
            // New rows would be listed at heights they do not hold: the chain takes none until
            // the file is repaired, and the audit names what is missing.
            throw new InvalidOperationException($"{chain}: its list of unsealed blocks ({rows.Count} from height {sealedFrom}) does not end at its height {stored}; the file was altered outside the store");
        }

        var insert = writer.Statement(InsertTailSql);
        var lastRow = 0L;
        var sealedRows = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var height = firstHeight + i;
            insert.Bind(1, kind).Bind(2, node).Bind(3, height).Bind(4, records[i].Span).Execute();
            lastRow = writer.LastInsertRowId;
            rows.Add(lastRow);
            if ((height + 1) % _pageSize == 0)
            {
                SealPage(writer, chain, height + 1 - _pageSize, sealedFrom, rows);
                sealedRows += rows.Count;
                rows.Clear();
                sealedFrom = height + 1;
            }
        }

        writer.Statement(SaveChainSql).Bind(1, kind).Bind(2, node).Bind(3, firstHeight + records.Count).Bind(4, sealedFrom).Bind(5, TailRowList.Encode(rows)).Execute();
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
        var unsealed = ReadUnsealed(connection, chain, 0, maxCount);
        for (var i = unsealed.Count - 1; i >= 0 && newestFirst.Count < maxCount; i--)
        {
            newestFirst.Add(unsealed[i]);
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
        foreach (var entry in ReadRange(connection, chain, fromHeight))
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
        // Every chain with a directory row, an unsealed first block or a page, so deleting a
        // chain's directory row cannot hide it from an audit (its unsealed blocks after the first
        // go with the list of them, and the tier anchors above show the chain cut short); rows
        // whose id is not a device id cannot name a chain and are skipped.
        var (where, and) = kind is null ? (string.Empty, string.Empty) : (" WHERE kind = $kind", " AND kind = $kind");
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, _database.LegacyTail ? LegacyChainsSql : ChainsSql, where, and);
        if (kind is { } role)
        {
            command.Parameters.AddWithValue("$kind", (int)role);
        }
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

    // Seals heights firstHeight.. (one page) from `rows`, which the chain's list held from height
    // `sealedFrom` on: exactly the page's rows, each holding the block the list places there.
    private void SealPage(SqliteWriter writer, ChainId chain, long firstHeight, long sealedFrom, List<long> rows)
    {
        var (kind, node) = ((int)chain.Kind, chain.Node.Value);
        var page = new CanonicalWriter(_pageSize * 512);
        var read = writer.Statement(PageRowSql);
        for (var i = 0; i < _pageSize; i++)
        {
            var expected = firstHeight + i;
            var listed = sealedFrom == firstHeight && rows.Count == _pageSize;
            if (!listed || !read.Bind(1, rows[i]).TryQueryRow(row => row.Int64(0) == kind && row.Int64(2) == expected && row.Text(1) == node && Write(page, row.Blob(3)), out var held) || !held)
            {
                throw new InvalidOperationException($"{chain}: unsealed block {expected} is missing from the tail");
            }
        }

        var insert = writer.Command(InsertPageSql);
        Bind(insert, chain);
        insert.Parameters.AddWithValue("$first", firstHeight);
        insert.Parameters.AddWithValue("$count", _pageSize);
        insert.Parameters.AddWithValue("$data", page.ToArray());
        insert.ExecuteNonQuery();

        // Rows the sweep went past while they were still unsealed (a chain that paused) will not
        // be visited again: they go now, one by one. The others wait for the sweep.
        var deleteRow = writer.Statement(DeleteRowSql);
        foreach (var row in rows)
        {
            if (_sweep.Passed(row))
            {
                deleteRow.Bind(1, row).Execute();
            }
        }

        static bool Write(CanonicalWriter page, ReadOnlySpan<byte> record)
        {
            page.WriteSizedBytes(record);
            return true;
        }
    }

    // Where the sweep of `tail` stands, on the writer thread only. Positions and counts live in
    // memory and start afresh from the file when the database is opened, and when a batch is
    // rolled back whole: the rows its sweeps had deleted are back, behind the cursor.
    private sealed class Sweep
    {
        private const string FirstRowSql = "SELECT MIN(rowid) FROM tail";

        // One directory row per chain, not one entry per unsealed block as in version 3.
        private const string LiveRowsSql = "SELECT TOTAL(height - sealed) FROM chains";

        private bool _loaded;
        private long _cursor;
        private long _live;

        // Whether the sweep has gone past `row` (rows below the cursor are not visited again).
        public bool Passed(long row) => _loaded && row < _cursor;

        // Reads the cursor and the live count from the file again at the next append.
        public void Restart() => _loaded = false;

        // After an append whose newest row is `lastRow` and which changed the unsealed blocks by
        // `liveDelta`: deletes sealed rows from the cursor on, at most `budget` rowids and none
        // within twice the unsealed blocks of the newest row.
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

    private IEnumerable<LedgerEntry> ReadRange(SqliteConnection connection, ChainId chain, long fromHeight)
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

        foreach (var entry in ReadUnsealed(connection, chain, fromHeight))
        {
            yield return entry;
        }
    }

    // The chain's unsealed blocks from `fromHeight` on, in height order, as its directory row
    // lists them; at most the `newest` of them, fetched from the newest down (a grain's activation
    // wants its head block, not the whole tail). A listed row that is gone or holds another block
    // (an edited file) is left out, and the audit sees the gap.
    private List<LedgerEntry> ReadUnsealed(SqliteConnection connection, ChainId chain, long fromHeight, int newest = int.MaxValue)
    {
        var entries = new List<LedgerEntry>();
        if (_database.LegacyTail)
        {
            using var legacy = connection.CreateCommand();
            legacy.CommandText = LegacyTailSql;
            Bind(legacy, chain);
            legacy.Parameters.AddWithValue("$from", fromHeight);
            using var reader = legacy.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new LedgerEntry(reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }

            return entries;
        }

        var sealedFrom = 0L;
        var rows = new List<long>();
        using (var directory = connection.CreateCommand())
        {
            directory.CommandText = ListedChainSql;
            Bind(directory, chain);
            using var reader = directory.ExecuteReader();
            if (!reader.Read())
            {
                return ReadOrphanFirstBlock(connection, chain, fromHeight, entries);
            }

            sealedFrom = reader.GetInt64(0);
            TailRowList.TryDecode((byte[])reader.GetValue(1), rows);
        }

        using var fetch = connection.CreateCommand();
        fetch.CommandText = ListedRowSql;
        Bind(fetch, chain);
        var row = fetch.Parameters.Add("$row", SqliteType.Integer);
        var height = fetch.Parameters.Add("$height", SqliteType.Integer);
        var first = (int)Math.Clamp(fromHeight - sealedFrom, 0, rows.Count);
        for (var i = rows.Count - 1; i >= first && entries.Count < newest; i--)
        {
            (row.Value, height.Value) = (rows[i], sealedFrom + i);
            if (fetch.ExecuteScalar() is byte[] data)
            {
                entries.Add(new LedgerEntry(sealedFrom + i, data));
            }
        }

        entries.Reverse();
        return entries;
    }

    // A chain with no directory row shows its first block while no page holds it: its row was
    // deleted by hand, and the grain and the audit are to see blocks the directory does not
    // record rather than an empty chain that takes a replayed first block.
    private static List<LedgerEntry> ReadOrphanFirstBlock(SqliteConnection connection, ChainId chain, long fromHeight, List<LedgerEntry> entries)
    {
        if (fromHeight > 0)
        {
            return entries;
        }

        using var first = connection.CreateCommand();
        first.CommandText = OrphanFirstBlockSql;
        Bind(first, chain);
        if (first.ExecuteScalar() is byte[] data)
        {
            entries.Add(new LedgerEntry(0, data));
        }

        return entries;
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
