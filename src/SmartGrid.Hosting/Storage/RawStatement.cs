using SQLitePCL;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// A statement prepared once on the writer connection and re-bound for each execution, through
/// SQLitePCL.raw (the layer Microsoft.Data.Sqlite itself sits on). Used on the ingest hot path,
/// where the ADO.NET layer's per-execution objects cost more than SQLite's own work.
/// </summary>
public sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    internal RawStatement(sqlite3 database, string sql)
    {
        _database = database;
        Check(raw.sqlite3_prepare_v3(database, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out _), sql);
    }

    /// <summary>Binds a 64-bit integer to parameter <paramref name="index"/> (1-based).</summary>
    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value), "bind");
        return this;
    }

    /// <summary>Binds text to parameter <paramref name="index"/> (1-based).</summary>
    public RawStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value), "bind");
        return this;
    }

    /// <summary>Binds a blob to parameter <paramref name="index"/> (1-based); SQLite copies it.</summary>
    public RawStatement Bind(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value), "bind");
        return this;
    }

    /// <summary>Runs the statement to completion and returns the number of rows it changed.</summary>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">SQLite reported an error (for example a constraint).</exception>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, "step");
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>Runs the statement and returns the first column of its first row as an integer, or null when it returns no row.</summary>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">SQLite reported an error.</exception>
    public long? QueryInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_int64(_statement, 0);
            }

            Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, "step");
            return null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>
    /// Runs the statement and hands its first row to <paramref name="read"/>; false (and
    /// <paramref name="value"/> default) when it returns no row. The row's spans are valid only
    /// inside <paramref name="read"/>.
    /// </summary>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">SQLite reported an error.</exception>
    public bool TryQueryRow<T>(RawRowReader<T> read, out T? value)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                value = read(new RawRow(_statement));
                return true;
            }

            Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, "step");
            value = default;
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private void Check(int rc, string what)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite {what} failed: {raw.sqlite3_errmsg(_database).utf8_to_string()}", rc);
        }
    }
}
