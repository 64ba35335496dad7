using BenchmarkDotNet.Attributes;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Benchmarks.Micro;

/// <summary>
/// Appending one block to the embedded store: one at a time (a commit each), 64 chains at once
/// (what group commit amortises), and one device's backlog of 64 blocks in one append. Durable
/// commits (fsync) as in the default configuration.
/// </summary>
[MemoryDiagnoser]
public class AppendBenchmarks
{
    private readonly byte[] _record = SampleBlocks.One().ToArray();
    private string _directory = null!;
    private SqliteDatabase _database = null!;
    private SqliteLedgerStore _store = null!;
    private ReadOnlyMemory<byte>[] _backlog = null!;
    private ChainId[] _chains = null!;
    private long[] _heights = null!;

    [Params(true, false)]
    public bool FlushEachCommit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "smartgrid-bench", Guid.NewGuid().ToString("N"));
        _database = new SqliteDatabase(new SqliteStoreOptions { Path = Path.Combine(_directory, "bench.db"), FlushEachCommit = FlushEachCommit });
        _store = new SqliteLedgerStore(_database);
        _chains = [.. Enumerable.Range(0, 64).Select(i => ChainId.Meter(DeviceId.Parse($"MTR-{i:D7}")))];
        _heights = new long[_chains.Length];
        _backlog = [.. Enumerable.Repeat((ReadOnlyMemory<byte>)_record, 64)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "append 1 block (own commit)", Baseline = true)]
    public async Task AppendOne() => await _store.AppendAsync(_chains[0], _heights[0]++, _record);

    [Benchmark(Description = "append 64 blocks to 64 chains concurrently (group commit)", OperationsPerInvoke = 64)]
    public async Task AppendSixtyFour()
    {
        var tasks = new Task[_chains.Length];
        for (var i = 0; i < _chains.Length; i++)
        {
            tasks[i] = _store.AppendAsync(_chains[i], _heights[i]++, _record).AsTask();
        }

        await Task.WhenAll(tasks);
    }

    [Benchmark(Description = "append a backlog of 64 blocks to one chain (one AppendManyAsync)", OperationsPerInvoke = 64)]
    public async Task AppendBacklog()
    {
        await _store.AppendManyAsync(_chains[0], _heights[0], _backlog);
        _heights[0] += _backlog.Length;
    }
}
