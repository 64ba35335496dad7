using System.Collections.Concurrent;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Hosting.Tests.Storage;

public sealed class GroupCommitGatheringTests : IDisposable
{
    private readonly TemporaryDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData(0, 1, 0, false)] // nothing before: a lone write goes at once
    [InlineData(1, 1, 0, false)] // a lone write after a lone write
    [InlineData(2, 1, 0, true)] // under load: wait for more
    [InlineData(2, 15, 0, true)]
    [InlineData(2, 16, 0, false)] // the target is reached
    [InlineData(2, 1, 2, false)] // the window has passed
    public void Waits_only_under_load_until_the_target_or_the_window(int previous, int gathered, int waitedMs, bool waits)
    {
        var gathering = new GroupCommitGathering(TimeSpan.FromMilliseconds(2), Target: 16);

        gathering.Waits(previous, gathered, TimeSpan.FromMilliseconds(waitedMs)).Should().Be(waits);
    }

    [Fact]
    public void A_zero_window_never_waits()
    {
        new GroupCommitGathering(TimeSpan.Zero, 128).Waits(512, 1, TimeSpan.Zero).Should().BeFalse();
        new GroupCommitGathering(TimeSpan.FromMilliseconds(2), 128).Waits(512, 1, TimeSpan.Zero).Should().BeTrue();
    }

    [Fact]
    public async Task Under_load_writes_arriving_apart_are_committed_together()
    {
        using var database = Open(TimeSpan.FromSeconds(30), target: 4);
        var commits = Record(database);

        // A batch of one, then a batch of two (queued while the writer was held): load.
        await LoadAsync(database);
        commits.Should().Equal(1, 2);

        // Four writes, each well after the one before: one commit, not four.
        var writes = new List<Task<int>>();
        for (var i = 0; i < 4; i++)
        {
            var value = i;
            writes.Add(Upload(database, value));
            await Task.Delay(50);
        }

        (await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60))).Should().Equal(0, 1, 2, 3);
        commits.Should().Equal(1, 2, 4);
    }

    [Fact]
    public async Task A_lone_write_is_committed_at_once_whatever_the_window()
    {
        using var database = Open(TimeSpan.FromHours(1), target: 128);
        var commits = Record(database);

        // Were it held for the window, this would time out.
        (await Upload(database, 7).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(7);
        (await Upload(database, 8).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(8);
        commits.Should().Equal(1, 1);
    }

    [Fact]
    public async Task A_commit_held_open_goes_ahead_when_the_window_passes()
    {
        using var database = Open(TimeSpan.FromMilliseconds(100), target: 16);
        var commits = Record(database);
        await LoadAsync(database);

        // Under load, but no more writes come: committed alone once the window has passed.
        (await Upload(database, 1).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(1);
        commits.Should().Equal(1, 2, 1);
    }

    [Fact]
    public async Task Without_a_window_each_write_arriving_apart_is_its_own_commit()
    {
        using var database = Open(TimeSpan.Zero, target: 4);
        var commits = Record(database);
        await LoadAsync(database);
        (await Upload(database, 1)).Should().Be(1);
        (await Upload(database, 2)).Should().Be(2);

        commits.Should().Equal(1, 2, 1, 1);
    }

    [Fact]
    public async Task Under_load_a_write_that_is_not_an_upload_is_committed_at_once()
    {
        using var database = Open(TimeSpan.FromHours(1), target: 128);
        var commits = Record(database);
        await LoadAsync(database);

        // Grain state or a consensus chain: a protocol round waits on it, so no window holds it.
        (await database.WriteAsync(_ => 5, singleStatement: true).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(5);
        commits.Should().Equal(1, 2, 1);
    }

    [Fact]
    public async Task A_write_that_is_not_an_upload_cuts_a_held_commit_short()
    {
        using var database = Open(TimeSpan.FromHours(1), target: 128);
        var commits = Record(database);
        await LoadAsync(database);

        // The upload is held for more, then a write that may not wait arrives: both go at once.
        var upload = Upload(database, 1);
        await Task.Delay(50);
        var urgent = database.WriteAsync(_ => 2, singleStatement: true);
        (await Task.WhenAll(upload, urgent).WaitAsync(TimeSpan.FromSeconds(60))).Should().Equal(1, 2);
        commits.Should().Equal(1, 2, 2);
    }

    [Fact]
    public async Task The_ledger_store_holds_meter_uploads_and_commits_a_concentrator_chain_at_once()
    {
        using var database = Open(TimeSpan.FromHours(1), target: 128);
        var store = new SqliteLedgerStore(database);
        var commits = Record(database);
        await LoadAsync(database);

        var upload = store.AppendAsync(ChainId.Meter(DeviceId.Parse("MTR-1")), 0, new byte[] { 1 }).AsTask();
        await Task.Delay(50);
        upload.IsCompleted.Should().BeFalse("a meter's upload under load waits for more to share its flush");
        var anchor = store.AppendAsync(new ChainId(DeviceRole.Concentrator, DeviceId.Parse("DC-1")), 0, new byte[] { 2 }).AsTask();
        await Task.WhenAll(upload, anchor).WaitAsync(TimeSpan.FromSeconds(60));

        commits.Should().Equal(1, 2, 2);
        (await store.GetHeightAsync(ChainId.Meter(DeviceId.Parse("MTR-1")))).Should().Be(1);
        (await store.GetHeightAsync(new ChainId(DeviceRole.Concentrator, DeviceId.Parse("DC-1")))).Should().Be(1);
    }

    private static Task<T> Upload<T>(SqliteDatabase database, T value) => database.WriteAsync(_ => value, singleStatement: true, bulk: true);

    private SqliteDatabase Open(TimeSpan window, int target) =>
        new(new SqliteStoreOptions { Path = _file.Path, FlushEachCommit = false, GroupCommitWindow = window, GroupCommitTarget = target });

    // The size of every committed batch, in order.
    private static ConcurrentQueue<int> Record(SqliteDatabase database)
    {
        var commits = new ConcurrentQueue<int>();
        database.BatchCommitted += commits.Enqueue;
        return commits;
    }

    // Holds the writer on one write while two more queue behind it, then lets all three commit:
    // a commit of one, then one of two.
    private static async Task LoadAsync(SqliteDatabase database)
    {
        using var held = new ManualResetEventSlim();
        using var running = new ManualResetEventSlim();
        var first = database.WriteAsync(_ =>
        {
            running.Set();
            return held.Wait(TimeSpan.FromSeconds(60));
        }, singleStatement: true, bulk: true);
        running.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue();
        var queued = new[] { Upload(database, true), Upload(database, true) };
        held.Set();
        (await first).Should().BeTrue();
        (await Task.WhenAll(queued)).Should().AllBeEquivalentTo(true);
    }
}
