using Microsoft.Data.Sqlite;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// The writer thread's view of the database inside a batch transaction: prepared commands,
/// cached by SQL text and bound to the current transaction.
/// </summary>
public sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);

    internal SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
    }

    internal SqliteTransaction? Transaction { get; set; }

    /// <summary>The rowid of the latest row inserted into a rowid table on the writer's connection.</summary>
    public long LastInsertRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

    /// <summary>A prepared command for <paramref name="sql"/>, its parameters cleared, in the batch transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>
    /// A statement for <paramref name="sql"/> prepared once and cached, for hot paths; parameters
    /// are positional (<c>?1</c>, <c>?2</c>...). It runs in the batch transaction like any command.
    /// </summary>
    public RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(_connection.Handle!, sql);
            _statements[sql] = statement;
        }

        return statement;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _commands.Clear();
        _statements.Clear();
    }
}
