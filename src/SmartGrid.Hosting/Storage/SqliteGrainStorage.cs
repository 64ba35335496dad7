using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// Orleans grain storage in the embedded SQLite database, with optimistic concurrency: the
/// ETag is a version number, and a write whose ETag is stale fails with
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string ReadSql = "SELECT etag, data FROM grain_state WHERE grain_type = $type AND grain_id = $id";
    private const string VersionSql = "SELECT etag FROM grain_state WHERE grain_type = $type AND grain_id = $id";
    private const string UpsertSql = "INSERT INTO grain_state (grain_type, grain_id, etag, data) VALUES ($type, $id, $etag, $data) ON CONFLICT (grain_type, grain_id) DO UPDATE SET etag = excluded.etag, data = excluded.data";
    private const string DeleteSql = "DELETE FROM grain_state WHERE grain_type = $type AND grain_id = $id";

    private readonly SqliteDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;

    /// <summary>Creates the storage over an open database.</summary>
    public SqliteGrainStorage(SqliteDatabase database, SqliteGrainStorageOptions options, IActivatorProvider activators)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _serializer = options.GrainStorageSerializer ?? throw new ArgumentException("a grain storage serializer is required", nameof(options));
        _activators = activators ?? throw new ArgumentNullException(nameof(activators));
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        using var connection = _database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$type", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            var data = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(new BinaryData(data)) ?? Create<T>();
            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var id = grainId.ToString();
        var version = await _database.WriteAsync(writer =>
        {
            var next = CheckVersion(writer, stateName, id, expected) + 1;
            var upsert = writer.Command(UpsertSql);
            upsert.Parameters.AddWithValue("$type", stateName);
            upsert.Parameters.AddWithValue("$id", id);
            upsert.Parameters.AddWithValue("$etag", next);
            upsert.Parameters.AddWithValue("$data", data);
            upsert.ExecuteNonQuery();
            return next;
        },
        singleStatement: true).ConfigureAwait(false); // the version check only reads: one statement changes the file
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        var id = grainId.ToString();
        await _database.WriteAsync(writer =>
        {
            CheckVersion(writer, stateName, id, expected);
            var delete = writer.Command(DeleteSql);
            delete.Parameters.AddWithValue("$type", stateName);
            delete.Parameters.AddWithValue("$id", id);
            return delete.ExecuteNonQuery();
        },
        singleStatement: true).ConfigureAwait(false); // the version check only reads: one statement changes the file
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    private static long CheckVersion(SqliteWriter writer, string stateName, string id, string? expected)
    {
        var select = writer.Command(VersionSql);
        select.Parameters.AddWithValue("$type", stateName);
        select.Parameters.AddWithValue("$id", id);
        var stored = select.ExecuteScalar() is long v ? v : (long?)null;
        var storedTag = stored?.ToString(CultureInfo.InvariantCulture);
        if (!string.Equals(storedTag, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"grain state {stateName}/{id} was changed by another writer", storedTag, expected);
        }

        return stored ?? 0;
    }

    private T Create<T>() => _activators.GetActivator<T>().Create();
}
