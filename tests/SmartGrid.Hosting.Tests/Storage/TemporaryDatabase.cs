using Microsoft.Data.Sqlite;
using SmartGrid.Hosting.Storage;

namespace SmartGrid.Hosting.Tests.Storage;

/// <summary>A database file in a fresh folder, deleted afterwards.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public TemporaryDatabase()
    {
        Directory.CreateDirectory(_directory);
    }

    public string Path => System.IO.Path.Combine(_directory, "smartgrid.db");

    public SqliteDatabase Open(int pageSize = 3, bool readOnly = false) =>
        new(new SqliteStoreOptions { Path = Path, PageSize = pageSize, FlushEachCommit = false, ReadOnly = readOnly });

    /// <summary>Runs SQL on the file directly, as someone with access to the disk could.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
