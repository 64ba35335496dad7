using System.Collections.Concurrent;
using SmartGrid.Hosting.Storage;

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
            writes.Add(database.WriteAsync(_ => value, singleStatement: true));
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
        (await database.WriteAsync(_ => 7, singleStatement: true).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(7);
        (await database.WriteAsync(_ => 8, singleStatement: true).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(8);
        commits.Should().Equal(1, 1);
    }

    [Fact]
    public async Task A_commit_held_open_goes_ahead_when_the_window_passes()
    {
        using var database = Open(TimeSpan.FromMilliseconds(100), target: 16);
        var commits = Record(database);
        await LoadAsync(database);

        // Under load, but no more writes come: committed alone once the window has passed.
        (await database.WriteAsync(_ => 1, singleStatement: true).WaitAsync(TimeSpan.FromSeconds(60))).Should().Be(1);
        commits.Should().Equal(1, 2, 1);
    }

    [Fact]
    public async Task Without_a_window_each_write_arriving_apart_is_its_own_commit()
    {
        using var database = Open(TimeSpan.Zero, target: 4);
        var commits = Record(database);
        await LoadAsync(database);
        (await database.WriteAsync(_ => 1, singleStatement: true)).Should().Be(1);
        (await database.WriteAsync(_ => 2, singleStatement: true)).Should().Be(2);

        commits.Should().Equal(1, 2, 1, 1);
    }

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
        }, singleStatement: true);
        running.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue();
        var queued = new[] { database.WriteAsync(_ => true, singleStatement: true), database.WriteAsync(_ => true, singleStatement: true) };
        held.Set();
        (await first).Should().BeTrue();
        (await Task.WhenAll(queued)).Should().AllBeEquivalentTo(true);
    }
}
