namespace SmartGrid.Hosting.Embedded;

/// <summary>
/// The embedded default: one silo on localhost, its ledger and grain state in one SQLite file in
/// <see cref="DataDirectory"/>, broadcast channels for the validators. Nothing to install; data survives restarts.
/// </summary>
public sealed class EmbeddedProfileOptions
{
    /// <summary>Folder holding <c>smartgrid.db</c> and the utility root key files. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11_111;

    /// <summary>Port clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30_000;

    /// <summary>How long an idle meter grain stays in memory. Default 5 minutes.</summary>
    public TimeSpan MeterCollectionAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>See <see cref="Storage.SqliteStoreOptions.FlushEachCommit"/>. Default true.</summary>
    public bool FlushEachCommit { get; set; } = true;

    /// <summary>See <see cref="Storage.SqliteStoreOptions.GroupCommitWindow"/>. Default 2 ms.</summary>
    public TimeSpan GroupCommitWindow { get; set; } = new Storage.SqliteStoreOptions().GroupCommitWindow;

    /// <summary>Path of the database file inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);

    /// <summary>Name of the database file.</summary>
    public const string DatabaseFileName = "smartgrid.db";
}
