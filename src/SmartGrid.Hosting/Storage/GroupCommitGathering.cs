namespace SmartGrid.Hosting.Storage;

/// <summary>
/// When the writer thread holds a commit of devices' uploads open for more queued writes (group
/// commit gathering, as PostgreSQL's <c>commit_delay</c> with <c>commit_siblings</c>): only under
/// load, meaning the previous commit carried at least <see cref="LoadedAt"/> writes, and then
/// until the batch holds <see cref="Target"/> writes or <see cref="Window"/> has passed. The
/// writer asks only while every write of the batch is an upload (<c>bulk</c>).
/// </summary>
/// <remarks>
/// Without it, a busy writer committed whatever had arrived since its last flush. Each flush
/// stalls the writer, and in a fleet's steady upload the cores sat 1.84-1.88 of 2 busy (four
/// blocks per call); fewer, larger commits keep them 1.94-1.97 busy. A lone write (a test, one
/// meter) finds the previous commit small and is committed at once. Writes on which a protocol
/// round waits are never held: gathering PoEf's guard and commit writes the same way halved its
/// heights per second, since every validator of the round was waiting on that very commit and
/// no more writes could come.
/// </remarks>
internal readonly record struct GroupCommitGathering(TimeSpan Window, int Target)
{
    /// <summary>
    /// How many writes the previous commit must have carried for the next one to wait: two, so
    /// writes were arriving while the writer was busy. A count, not a rate: a fleet's uploads at
    /// four blocks a call came about three writes a millisecond, so the commits it made without
    /// waiting carried one to three writes each.
    /// </summary>
    public const int LoadedAt = 2;

    /// <summary>
    /// Whether the writer waits for more writes, having gathered <paramref name="gathered"/> for
    /// <paramref name="waited"/> after a commit of <paramref name="previousBatch"/> writes.
    /// </summary>
    public bool Waits(int previousBatch, int gathered, TimeSpan waited) =>
        Window > TimeSpan.Zero && previousBatch >= LoadedAt && gathered < Target && waited < Window;
}
