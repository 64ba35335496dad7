using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Hosting.Tests.Storage;

/// <summary>
/// Many chains appending backlogs of random lengths at once, in a random order, some pausing for
/// long stretches, across reopenings of the file: every block stays where its chain put it while
/// seals and the sweep run between them. Seeded, so a failure repeats.
/// </summary>
public sealed class SqliteLedgerStoreSoakTests : IDisposable
{
    private const int PageSize = 4;
    private readonly TemporaryDatabase _file = new();

    // Each record names its chain and height, so a block read for the wrong chain or height shows.
    private static byte[] Record(int chain, long height) => [(byte)chain, .. BitConverter.GetBytes(height), 0x5A];

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData(20261127)]
    [InlineData(7)]
    public async Task Blocks_appended_at_random_by_many_chains_all_read_back_through_seals_sweeps_and_reopenings(int seed)
    {
        var random = new Random(seed);
        var chains = Enumerable.Range(0, 12).Select(i => ChainId.Meter(DeviceId.Parse($"MTR-soak-{i:D2}"))).ToArray();
        var heights = new long[chains.Length];
        var database = _file.Open(PageSize);
        try
        {
            for (var round = 0; round < 40; round++)
            {
                // Reopened now and then, never in the last ten rounds: the sweep starts afresh
                // from the file, and has time to catch up before the final count.
                if (round is 10 or 20)
                {
                    database.Dispose();
                    database = _file.Open(PageSize);
                }

                var store = new SqliteLedgerStore(database);

                // A random subset in a random order (chains 0-2 mostly paused), each with a
                // backlog of one to six blocks, all queued together so they share batches.
                var appends = new List<Task>();
                foreach (var i in Enumerable.Range(0, chains.Length).OrderBy(_ => random.Next()))
                {
                    if (random.NextDouble() < (i < 3 ? 0.9 : 0.3))
                    {
                        continue;
                    }

                    var count = random.Next(1, 7);
                    var from = heights[i];
                    var records = Enumerable.Range(0, count).Select(k => (ReadOnlyMemory<byte>)Record(i, from + k)).ToList();
                    appends.Add(store.AppendManyAsync(chains[i], from, records).AsTask());
                    heights[i] += count;
                }

                await Task.WhenAll(appends);
                for (var i = 0; i < chains.Length; i++)
                {
                    var read = new List<LedgerEntry>();
                    await foreach (var entry in store.ReadAsync(chains[i]))
                    {
                        read.Add(entry);
                    }

                    var chain = i;
                    read.Select(e => e.Height).Should().Equal(Enumerable.Range(0, (int)heights[i]).Select(h => (long)h), $"{chains[i]} in round {round}");
                    read.Select(e => e.Bytes.ToArray()).Should().BeEquivalentTo(read.Select(e => Record(chain, e.Height)), o => o.WithStrictOrdering());
                    (await store.GetHeightAsync(chains[i])).Should().Be(heights[i]);
                    (await store.ReadTailAsync(chains[i], 3)).Select(e => e.Height).Should().Equal(read.TakeLast(3).Select(e => e.Height));
                }
            }

            // Sealed rows older than the sweep's window (twice the unsealed blocks behind the
            // newest row, plus what one round's appends can add before the sweep reaches them)
            // are gone.
            var unsealed = heights.Sum(h => h % PageSize);
            using var connection = database.OpenRead();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COUNT(*) FROM tail AS t
                WHERE t.rowid < (SELECT MAX(rowid) FROM tail) - $window
                  AND EXISTS (SELECT 1 FROM chains c WHERE c.kind = t.kind AND c.node = t.node AND t.height < c.sealed)
                """;
            command.Parameters.AddWithValue("$window", (2 * unsealed) + (6 * chains.Length));
            command.ExecuteScalar().Should().Be(0L);
        }
        finally
        {
            database.Dispose();
        }
    }
}
