using SQLitePCL;

namespace SmartGrid.Hosting.Storage;

/// <summary>The current row of a <see cref="RawStatement"/>, valid only while it is being read.</summary>
public readonly ref struct RawRow
{
    private readonly sqlite3_stmt _statement;

    internal RawRow(sqlite3_stmt statement) => _statement = statement;

    /// <summary>Column <paramref name="index"/> (0-based) as a 64-bit integer.</summary>
    public long Int64(int index) => raw.sqlite3_column_int64(_statement, index);

    /// <summary>Column <paramref name="index"/> (0-based) as text (null when it is NULL).</summary>
    public string? Text(int index) => raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_statement, index).utf8_to_string();

    /// <summary>Column <paramref name="index"/> (0-based) as bytes, valid until the row is left.</summary>
    public ReadOnlySpan<byte> Blob(int index) => raw.sqlite3_column_blob(_statement, index);
}
