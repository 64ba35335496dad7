using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SmartGrid.Hosting.Storage;

namespace SmartGrid.Hosting.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly TemporaryDatabase _file = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly GrainId _grain = GrainId.Create("meter", "MTR-1");

    private SqliteGrainStorage Storage(SqliteDatabase database) => new(
        database,
        new SqliteGrainStorageOptions { GrainStorageSerializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()) },
        _services.GetRequiredService<IActivatorProvider>());

    public void Dispose()
    {
        _services.Dispose();
        _file.Dispose();
    }

    [Fact]
    public async Task Missing_state_reads_as_a_new_record()
    {
        using var database = _file.Open();
        var state = new GrainState<Dictionary<string, long>>();

        await Storage(database).ReadStateAsync("counts", _grain, state);

        state.RecordExists.Should().BeFalse();
        state.ETag.Should().BeNull();
        state.State.Should().BeEmpty();
    }

    [Fact]
    public async Task Written_state_reads_back_after_reopening_with_a_new_etag()
    {
        var written = new GrainState<Dictionary<string, long>>(new() { ["BadSignature"] = 3 });
        using (var database = _file.Open())
        {
            await Storage(database).WriteStateAsync("counts", _grain, written);
        }

        using var reopened = _file.Open();
        var read = new GrainState<Dictionary<string, long>>();
        await Storage(reopened).ReadStateAsync("counts", _grain, read);

        read.RecordExists.Should().BeTrue();
        read.ETag.Should().Be(written.ETag).And.NotBeNull();
        read.State.Should().BeEquivalentTo(written.State);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing()
    {
        using var database = _file.Open();
        var storage = Storage(database);
        var first = new GrainState<Dictionary<string, long>>(new() { ["a"] = 1 });
        await storage.WriteStateAsync("counts", _grain, first);
        var stale = new GrainState<Dictionary<string, long>>(new() { ["a"] = 99 }) { ETag = "0" };

        var write = () => storage.WriteStateAsync("counts", _grain, stale);

        await write.Should().ThrowAsync<InconsistentStateException>();
        var read = new GrainState<Dictionary<string, long>>();
        await storage.ReadStateAsync("counts", _grain, read);
        read.State!["a"].Should().Be(1);
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        using var database = _file.Open();
        var storage = Storage(database);
        var state = new GrainState<Dictionary<string, long>>(new() { ["a"] = 1 });
        await storage.WriteStateAsync("counts", _grain, state);

        await storage.ClearStateAsync("counts", _grain, state);

        var read = new GrainState<Dictionary<string, long>>();
        await storage.ReadStateAsync("counts", _grain, read);
        read.RecordExists.Should().BeFalse();
        state.ETag.Should().BeNull();
    }
}
