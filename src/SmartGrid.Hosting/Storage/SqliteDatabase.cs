using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// One SQLite database file shared by the ledger store and grain storage. All writes go through
/// a single writer thread that commits whatever is queued in one transaction (group commit),
/// each write in its own savepoint so one failing write does not undo the others; under load it
/// holds a batch of devices' uploads open a moment for more (<see cref="GroupCommitGathering"/>). Reads use
/// pooled connections and see a consistent snapshot (WAL).
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 4;

    /// <summary>
    /// What a file older than version 4, opened read-only, shows as each chain's unsealed blocks:
    /// <c>(kind, node, height, row)</c>, every row of its tail above the chain's last page.
    /// </summary>
    /// <remarks>
    /// In version 3 that leaves out the sealed rows still waiting for the sweep, and in versions 1
    /// and 2 (a tail keyed by chain and height) there are none. It reads only <c>tail</c> and
    /// <c>pages</c>, which keep their columns through every migration, so a reader stays right
    /// while a build migrates the file under it. Its own name, so that a pooled connection that
    /// kept it cannot stand in for anything of a current file.
    /// </remarks>
    internal const string LegacyTailRows = "legacy_tail_rows";

    // Version 4: a chain's unsealed blocks are rows of `tail` in arrival order, with no index,
    // and its `chains` row lists them (`rows`, TailRowList) from height `sealed` on. An append
    // then writes its rows at the end of `tail` and rewrites one small `chains` row; version 3
    // also kept an index of every unsealed block (`tail_rows`), one more B-tree page per block
    // wherever the chain's key fell. Sealing a page writes the page and leaves the data rows,
    // which a sweep in arrival order removes later, whole table pages at a time (version 3 on;
    // version 2 deleted them at the seal, a table page per row).
    private const string ChainsTable = "CREATE TABLE IF NOT EXISTS chains (kind INTEGER NOT NULL, node TEXT NOT NULL, height INTEGER NOT NULL, sealed INTEGER NOT NULL DEFAULT 0, rows BLOB NOT NULL DEFAULT x'', PRIMARY KEY (kind, node)) WITHOUT ROWID";
    private const string TailTable = "CREATE TABLE IF NOT EXISTS tail (kind INTEGER NOT NULL, node TEXT NOT NULL, height INTEGER NOT NULL, data BLOB NOT NULL)";
    private const string LegacyTailRowsView = "CREATE TEMP VIEW IF NOT EXISTS " + LegacyTailRows + " AS SELECT kind, node, height, rowid AS row FROM main.tail AS t WHERE height >= COALESCE((SELECT MAX(p.first_height + p.count) FROM main.pages AS p WHERE p.kind = t.kind AND p.node = t.node), 0)";

    private static readonly string[] Schema =
    [
        ChainsTable,
        TailTable,

        // Each chain's first block while it is unsealed, found without the chain's directory row
        // (one entry per chain, written once): a chain whose row was deleted by hand is still
        // seen to exist, by its first block or its pages, and takes no new first block.
        "CREATE INDEX IF NOT EXISTS tail_origins ON tail (kind, node) WHERE height = 0",
        "CREATE TABLE IF NOT EXISTS pages (kind INTEGER NOT NULL, node TEXT NOT NULL, first_height INTEGER NOT NULL, count INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (kind, node, first_height))",
        "CREATE TABLE IF NOT EXISTS certificates (subject TEXT NOT NULL, serial INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (subject, serial))",
        "CREATE TABLE IF NOT EXISTS revocations (subject TEXT NOT NULL, serial INTEGER NOT NULL, revoked_at INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (subject, serial))",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS grain_state (grain_type TEXT NOT NULL, grain_id TEXT NOT NULL, etag INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (grain_type, grain_id))",
    ];

    private readonly string _readConnectionString;
    // A channel, not a BlockingCollection: enqueueing is lock-free, where BlockingCollection's
    // semaphore made every writing grain contend for one monitor (seen in profiles of a fleet's provisioning).
    private readonly Channel<IWork>? _queue;
    private readonly Thread? _writer;
    private readonly SqliteConnection? _writeConnection;
    private readonly int _maxBatch;
    private readonly GroupCommitGathering _gathering;
    private readonly bool _legacyTail;
    private bool _disposed;

    /// <summary>Opens (creating if needed) the database file.</summary>
    /// <exception cref="InvalidOperationException">The file holds a newer schema than this code understands.</exception>
    public SqliteDatabase(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("SqliteStoreOptions.Path is required", nameof(options));
        }

        Options = options;
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        if (options.ReadOnly && !File.Exists(fullPath))
        {
            throw new FileNotFoundException($"no SmartGrid database at {fullPath}", fullPath);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _maxBatch = Math.Max(1, options.MaxBatch);
        _gathering = new GroupCommitGathering(options.GroupCommitWindow, Math.Min(_maxBatch, options.GroupCommitTarget));

        if (options.ReadOnly)
        {
            // A file this build has not opened for writing yet keeps its older tail, which an
            // audit reads through a view in each connection's temporary schema.
            using (var check = new SqliteConnection(_readConnectionString))
            {
                check.Open();
                CheckSchemaVersion(check);
                PageSize = ReadPageSize(check);
                _legacyTail = !ColumnExists(check, "chains", "rows");
            }

            return;
        }

        _writeConnection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _writeConnection.Open();
        Execute(_writeConnection, "PRAGMA journal_mode=WAL");
        Execute(_writeConnection, options.FlushEachCommit ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        CheckSchemaVersion(_writeConnection);
        UpgradeTail(_writeConnection);
        UpgradeRows(_writeConnection);
        foreach (var statement in Schema)
        {
            Execute(_writeConnection, statement);
        }

        Execute(_writeConnection, $"PRAGMA user_version={SchemaVersion}");
        Execute(_writeConnection, $"INSERT OR IGNORE INTO meta (key, value) VALUES ('page_size', '{Math.Max(1, options.PageSize)}')");
        PageSize = ReadPageSize(_writeConnection);
        _queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = true });
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "smartgrid-sqlite-writer" };
        _writer.Start();
    }

    /// <summary>
    /// Whether this is a file older than version 4 opened read-only: its unsealed blocks are then
    /// read through <see cref="LegacyTailRows"/>, not through <c>chains.rows</c>.
    /// </summary>
    internal bool LegacyTail => _legacyTail;

    /// <summary>
    /// Raised on the writer thread when a batch's transaction was rolled back whole (nothing of it
    /// was kept), before its writes are failed: state a writer keeps in memory about what it
    /// wrote is then stale.
    /// </summary>
    internal event Action? BatchRolledBack;

    /// <summary>Raised on the writer thread after a batch committed, with how many writes it carried.</summary>
    internal event Action<int>? BatchCommitted;

    /// <summary>The settings the database was opened with.</summary>
    public SqliteStoreOptions Options { get; }

    /// <summary>
    /// Blocks per sealed page, as fixed when the file was created: a later
    /// <see cref="SqliteStoreOptions.PageSize"/> applies to new files only, so the chains of a
    /// file always seal where their earlier pages ended.
    /// </summary>
    public int PageSize { get; }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer thread inside the current batch's transaction.
    /// Completes when the batch is committed (durable), or faults with the work's exception, in
    /// which case none of the work's changes were kept.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriter, T> work) => WriteAsync(work, singleStatement: false);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{SqliteWriter, T})"/>; when <paramref name="singleStatement"/>
    /// is true the work promises to change the database with at most one statement, which SQLite
    /// makes atomic by itself, so no savepoint is taken around it.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriter, T> work, bool singleStatement) => WriteAsync(work, singleStatement, bulk: false);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{SqliteWriter, T}, bool)"/>; a <paramref name="bulk"/>
    /// write (a device's upload) may wait up to <see cref="SqliteStoreOptions.GroupCommitWindow"/>
    /// for more writes to share its commit. Any other write in the batch (grain state, a consensus
    /// or tier chain, on which a protocol round waits) has it committed at once.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriter, T> work, bool singleStatement, bool bulk)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_queue is null)
        {
            throw new InvalidOperationException("the database was opened read-only");
        }

        var item = new Work<T>(work, singleStatement, bulk);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), "the database is closing; the write was not taken");
        }

        return item.Completion.Task;
    }

    /// <summary>Opens a pooled connection for reading. Dispose it when done.</summary>
    public SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        if (_legacyTail)
        {
            Execute(connection, LegacyTailRowsView);
        }

        return connection;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queue?.Writer.TryComplete();
        _writer?.Join();
        _writeConnection?.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
    }

    private static int ReadPageSize(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'page_size'";
        return command.ExecuteScalar() is string text && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : throw new InvalidOperationException("the database records no valid page size");
    }

    // A version 1 or 2 tail (one table keyed by chain and height) becomes the version 3 pair, rows
    // and heights unchanged, in one transaction; nothing to do for a new file or a later version.
    // UpgradeRows then takes the file on to version 4.
    private static void UpgradeTail(SqliteConnection connection)
    {
        if (!TableExists(connection, "tail") || !TailIsKeyed(connection))
        {
            return;
        }

        // Version 1 also checked and advanced a chain's height in a trigger on every inserted row;
        // the store does it once per append (SqliteLedgerStore), so the trigger goes.
        using var transaction = connection.BeginTransaction();
        foreach (var statement in new[]
        {
            "DROP TRIGGER IF EXISTS tail_append",
            "ALTER TABLE tail RENAME TO tail_v2",
            TailTable,
            "CREATE TABLE tail_rows (kind INTEGER NOT NULL, node TEXT NOT NULL, height INTEGER NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (kind, node, height)) WITHOUT ROWID",
            "INSERT INTO tail (kind, node, height, data) SELECT kind, node, height, data FROM tail_v2 ORDER BY kind, node, height",
            "INSERT INTO tail_rows (kind, node, height, row) SELECT kind, node, height, rowid FROM tail",
            "DROP TABLE tail_v2",

            // In the same transaction: a crash cannot leave the new tables under the old number,
            // which an older build would open and append to without `tail_rows` entries.
            "PRAGMA user_version=3",
        })
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // A version 3 file's index of unsealed blocks (`tail_rows`) becomes each chain's list in
    // `chains` (version 4), in one transaction that also sets the version number; `tail` itself is
    // unchanged. Nothing to do for a new or a version 4 file.
    private static void UpgradeRows(SqliteConnection connection)
    {
        if (!TableExists(connection, "chains") || ColumnExists(connection, "chains", "rows"))
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        void Run(string sql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        Run("ALTER TABLE chains ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0");
        Run("ALTER TABLE chains ADD COLUMN rows BLOB NOT NULL DEFAULT x''");
        Run("UPDATE chains SET sealed = height");
        if (TableExists(connection, "tail_rows"))
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE chains SET sealed = $sealed, rows = $rows WHERE kind = $kind AND node = $node";
            var (kind, node, sealedFrom, rows) = (-1L, string.Empty, 0L, new List<long>());
            void Flush()
            {
                if (rows.Count == 0)
                {
                    return;
                }

                update.Parameters.Clear();
                update.Parameters.AddWithValue("$kind", kind);
                update.Parameters.AddWithValue("$node", node);
                update.Parameters.AddWithValue("$sealed", sealedFrom);
                update.Parameters.AddWithValue("$rows", TailRowList.Encode(rows));
                update.ExecuteNonQuery();
                rows.Clear();
            }

            using (var entries = connection.CreateCommand())
            {
                entries.Transaction = transaction;
                // Only heights the directory records: a chain whose directory row was deleted by
                // hand gets none back (its first block or pages still show it, as in any version 4
                // file), and an entry above the recorded height (an edit) is not listed.
                entries.CommandText = "SELECT r.kind, r.node, r.height, r.row FROM tail_rows r JOIN chains c ON c.kind = r.kind AND c.node = r.node WHERE r.height < c.height ORDER BY r.kind, r.node, r.height";
                using var reader = entries.ExecuteReader();
                while (reader.Read())
                {
                    var (entryKind, entryNode, height) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
                    if (entryKind != kind || entryNode != node)
                    {
                        Flush();
                        (kind, node, sealedFrom) = (entryKind, entryNode, height);
                    }

                    // The list holds consecutive heights; past a gap (an edited file) the
                    // entries name no block the list can place: the list then does not reach the
                    // chain's height, so the chain takes no appends and the audit reports the gap.
                    if (height == sealedFrom + rows.Count)
                    {
                        rows.Add(reader.GetInt64(3));
                    }
                }
            }

            Flush();
            Run("DROP TABLE tail_rows");
        }

        Run($"PRAGMA user_version={SchemaVersion}");
        transaction.Commit();
    }

    // Versions 1 and 2 keyed `tail` by chain and height; from version 3 on it has no key.
    private static bool TailIsKeyed(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('tail') WHERE pk > 0";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static bool ColumnExists(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static bool TableExists(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM main.sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void CheckSchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"the database has schema version {version}; this build understands up to {SchemaVersion}");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void WriterLoop()
    {
        var batch = new List<IWork>(_maxBatch);
        var writer = new SqliteWriter(_writeConnection!);
        var queue = _queue!.Reader;
        var previous = 0;
        while (WaitForWork(queue))
        {
            var bulk = Drain(queue, batch, true);
            if (bulk && _gathering.Waits(previous, batch.Count, TimeSpan.Zero))
            {
                // Under load, one flush for the uploads of the next few milliseconds (see
                // GroupCommitGathering); a write that is not an upload cuts the wait short.
                // Polled every millisecond, not woken by each write: a wake-up per queued write
                // would cost the writing grains' threads a system call each.
                var started = Stopwatch.GetTimestamp();
                do
                {
                    Thread.Sleep(1);
                    bulk = Drain(queue, batch, bulk);
                }
                while (bulk && _gathering.Waits(previous, batch.Count, Stopwatch.GetElapsedTime(started)));
            }

            previous = batch.Count;
            if (batch.Count > 0)
            {
                RunBatch(batch, writer);
                batch.Clear();
            }
        }

        writer.Dispose();
    }

    // Moves queued writes into the batch, up to MaxBatch; whether the batch still holds bulk
    // writes only (it did before when `bulk`).
    private bool Drain(ChannelReader<IWork> queue, List<IWork> batch, bool bulk)
    {
        while (batch.Count < _maxBatch && queue.TryRead(out var next))
        {
            batch.Add(next);
            bulk &= next.Bulk;
        }

        return bulk;
    }

    // Blocks the writer thread (its own, dedicated) until work is queued; false once the queue is
    // completed and drained.
    private static bool WaitForWork(ChannelReader<IWork> queue)
    {
        var ready = queue.WaitToReadAsync();
        return ready.IsCompleted ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void RunBatch(List<IWork> batch, SqliteWriter writer)
    {
        try
        {
            using var transaction = _writeConnection!.BeginTransaction();
            writer.Transaction = transaction;
            foreach (var work in batch)
            {
                if (work.SingleStatement)
                {
                    work.Run(writer);
                    if (SQLitePCL.raw.sqlite3_get_autocommit(_writeConnection.Handle) != 0)
                    {
                        // SQLite rolled the whole transaction back (disk full, I/O error): nothing
                        // of this batch is kept, so nothing of it may be reported as written.
                        throw new IOException("SQLite rolled back the batch transaction");
                    }

                    continue;
                }

                writer.Statement("SAVEPOINT work").Execute();
                if (!work.Run(writer))
                {
                    writer.Statement("ROLLBACK TO work").Execute();
                }

                writer.Statement("RELEASE work").Execute();
            }

            transaction.Commit();
            writer.Transaction = null;
            BatchCommitted?.Invoke(batch.Count);
            foreach (var work in batch)
            {
                work.Complete();
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            writer.Transaction = null;
            BatchRolledBack?.Invoke();
            foreach (var work in batch)
            {
                work.Fail(ex);
            }
        }
    }

    private interface IWork
    {
        bool SingleStatement { get; }

        bool Bulk { get; }

        bool Run(SqliteWriter writer);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Work<T>(Func<SqliteWriter, T> work, bool singleStatement, bool bulk) : IWork
    {
        public bool SingleStatement => singleStatement;

        public bool Bulk => bulk;

        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Run(SqliteWriter writer)
        {
            try
            {
                _result = work(writer);
                return true;
            }
#pragma warning disable CA1031 // The work's own exception is handed back to its caller, not swallowed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _error = ex;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null)
            {
                Completion.TrySetResult(_result!);
            }
            else
            {
                Completion.TrySetException(_error);
            }
        }

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
