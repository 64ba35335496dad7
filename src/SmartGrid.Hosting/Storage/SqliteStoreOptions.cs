namespace SmartGrid.Hosting.Storage;

/// <summary>Settings of the embedded SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file. Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Blocks per sealed page. Every <c>PageSize</c>-th append of a chain moves its unsealed
    /// blocks into one page row, so a long chain costs one row per page, not per block.
    /// Default 64 (16 days of uploads at 4 a day).
    /// </summary>
    public int PageSize { get; set; } = 64;

    /// <summary>
    /// Whether each commit is flushed to the disk before it is acknowledged (SQLite
    /// <c>synchronous=FULL</c>), surviving power loss. When false (<c>NORMAL</c>), a commit survives
    /// a crash of the process but not of the machine. Default true.
    /// </summary>
    public bool FlushEachCommit { get; set; } = true;

    /// <summary>Most queued writes committed in one transaction (group commit). Default 512.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>
    /// How long a busy writer may hold a commit of devices' uploads (meter and appliance chain
    /// appends) open for more of them, so that one flush carries more. Only when the previous
    /// commit carried two writes or more; a lone write, and any batch holding another write (grain
    /// state, consensus and tier chains, on which a protocol round waits), is committed at once.
    /// Default 2 ms; zero commits whatever is queued without waiting.
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Writes a commit held open by <see cref="GroupCommitWindow"/> waits for before it goes
    /// ahead. Default 128 (a write is one append of one or more blocks of a chain).
    /// </summary>
    public int GroupCommitTarget { get; set; } = 128;

    /// <summary>Open the database for reading only (audits). Default false.</summary>
    public bool ReadOnly { get; set; }
}
