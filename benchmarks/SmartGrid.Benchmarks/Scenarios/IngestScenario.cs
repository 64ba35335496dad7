using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmartGrid.Client;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>
/// Signed blocks per second through a real silo (grain call, every ingest check, durable append),
/// beside the raw Ed25519 verifications per second of the same machine in the same run, both
/// on all cores. The ratio is the figure: how much of the signature budget the pipeline keeps.
/// </summary>
public static class IngestScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new ScenarioArguments(args);
        var meters = options.Int("--meters", 2_000);
        var rounds = options.Int("--blocks", 8);
        var warmupRounds = options.Int("--warmup-rounds", 1);
        if (warmupRounds < 1 || warmupRounds >= rounds)
        {
            throw new ArgumentException($"--warmup-rounds must be at least 1 and less than --blocks ({rounds})");
        }

        var concurrency = options.Int("--concurrency", 256);
        var flush = !options.Flag("--no-flush");
        var inMemory = options.Flag("--in-memory");
        var analytics = !options.Flag("--no-analytics");
        var batch = options.Int("--batch", 1);
        var perCall = options.Int("--per-call", 1);
        if (perCall < 1 || rounds % perCall != 0 || warmupRounds % perCall != 0)
        {
            throw new ArgumentException($"--per-call must be at least 1 and divide both --blocks ({rounds}) and --warmup-rounds ({warmupRounds})");
        }

        if (perCall > 1 && batch > 1)
        {
            throw new ArgumentException("--per-call (a meter's backlog per call) and --batch (many meters per call) do not combine");
        }
        // Chains seal a page of the store every PageSize appends. Meters that all start at height
        // 0 would seal in the same round, a burst no fleet provisioned over time produces (and a
        // timed window short of a page would see no seal at all); each meter i first stores
        // i mod `stagger` blocks, untimed, so that every timed round seals 1/stagger of the chains,
        // as a steady state does. 1 starts every chain at 0.
        var stagger = options.Int("--stagger", new SmartGrid.Hosting.Storage.SqliteStoreOptions().PageSize);
        // Meters upload in key order within a round unless shuffled: a fleet's uploads arrive in no
        // order, and key order lets neighbouring chains share the store's index pages.
        var shuffle = options.Flag("--shuffle");
        if (shuffle && batch > 1)
        {
            throw new ArgumentException("--shuffle orders single meters' calls; --batch sends consecutive meters together");
        }

        var commitWindow = options.CommitWindow();
        var remote = options.Flag("--remote");
        var interleave = options.Flag("--interleave");
        if (remote && inMemory)
        {
            throw new ArgumentException("--remote drives the embedded profile's gateway; it does not combine with --in-memory");
        }

        Console.WriteLine($"ingest: {meters:N0} meters x {rounds} blocks of 24 readings ({warmupRounds} rounds untimed{(stagger > 1 ? $", chains staggered over {stagger} heights" : "")}{(shuffle ? ", meters in a new random order each round" : "")}), concurrency {concurrency}, {(batch > 1 ? $"batches of {batch} meters through IMeterIngressGrain" : perCall > 1 ? $"{perCall} consecutive blocks of a meter per call (IngestManyAsync)" : "one call per block")}{(remote ? " from a client over the gateway" : "")}, flush each commit: {flush}{(inMemory ? "" : $", commit window {commitWindow.TotalMilliseconds:0.###} ms")}, store: {(inMemory ? "in memory" : "SQLite")}, household analytics: {analytics}, {Environment.ProcessorCount} cores");

        var fleet = Enumerable.Range(1, meters).Select(SampleBlocks.Meter).ToArray();
        var blocks = new MeterBlock[meters][];
        var staggered = new MeterBlock[meters][];
        Parallel.For(0, meters, i =>
        {
            var meter = fleet[i].Meter;
            var offset = i % stagger;
            var all = Enumerable.Range(1, offset + rounds).Select(r => meter.Seal(SampleBlocks.Start.AddHours(6 * r), SampleBlocks.Start.AddHours(6 * r))!).ToArray();
            (staggered[i], blocks[i]) = (all[..offset], all[offset..]);
        });

        var keys = fleet.Select(f => f.Meter.Key.PublicKey).ToArray();
        MeasureRawVerify(blocks, keys, TimeSpan.FromSeconds(2)); // warm-up: let tiered JIT finish
        var before = MeasureRawVerify(blocks, keys, TimeSpan.FromSeconds(5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw Ed25519 verify, all cores: {before.PerSecond:N0}/s, {before.CpuEach.TotalMicroseconds:N1} us of CPU each"));

        await using var silo = await ScratchSilo.StartAsync(flush, inMemory, analytics, commitWindow);
        var grains = silo.Host.Services.GetRequiredService<IGrainFactory>();
        await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (f, _) =>
        {
            var result = await grains.GetGrain<IMeterGrain>(f.Meter.Id.Value).ProvisionAsync(f.Certificate);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.ToString());
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, meters), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency / 16) }, async (i, _) =>
        {
            var results = staggered[i].Length == 0 ? [] : await grains.GetGrain<IMeterGrain>(fleet[i].Meter.Id.Value).IngestManyAsync([.. staggered[i]]);
            if (!results.All(r => r.Accepted))
            {
                throw new InvalidOperationException($"meter {i}, staggered start: {string.Join("; ", results)}");
            }
        });

        // --remote: a client in this process over the silo's gateway (encoding, socket, the decode
        // that re-checks each block), as a head-end would drive a remote cluster.
        await using var client = remote ? await SmartGridClient.ConnectAsync(new SmartGridClientOptions { GatewayPort = silo.GatewayPort }) : null;

        // References are resolved once, as a long-lived client (or a concentrator) would hold them.
        var meterGrains = fleet.Select(f => client?.Meter(f.Meter.Id) ?? grains.GetGrain<IMeterGrain>(f.Meter.Id.Value)).ToArray();
        var ingress = grains.GetGrain<IMeterIngressGrain>(0);
        Func<MeterBlock[], Task<ImmutableArray<IngestResult>>> submitBatch = client is null ? sent => ingress.IngestAsync([.. sent]) : client.SubmitBatchAsync;

        // Round 0 activates every grain and warms the store; the next warm-up rounds let tiered
        // compilation reach the silo's steady state; the rest are timed.
        // With --per-call K a round delivers K blocks of every meter, K per call, and so stands for
        // K rounds; as with --batch, about `concurrency` blocks stay in flight.
        Task Round(int round) => batch > 1
            ? IngestBatchedRoundAsync(submitBatch, blocks, round, batch, Math.Max(1, concurrency / batch))
            : perCall > 1
            ? IngestBacklogRoundAsync(meterGrains, blocks, Order(round), round, perCall, Math.Max(1, concurrency / perCall))
            : IngestRoundAsync(meterGrains, blocks, Order(round), round, concurrency);
        int[] Order(int round)
        {
            var order = Enumerable.Range(0, meters).ToArray();
            if (shuffle)
            {
                new Random(round).Shuffle(order);
            }

            return order;
        }

        for (var round = 0; round < warmupRounds; round += perCall)
        {
            await Round(round);
        }

        // The timed rounds, each measured on its own; with --interleave a slice of raw
        // verification as long as the round follows it, so that both figures of the ratio see
        // the same machine (a shared VM's speed drifts over a run).
        var phase = default(Counters);
        var raw = interleave ? new RawVerify(0, TimeSpan.Zero, TimeSpan.Zero) : before;
        for (var round = warmupRounds; round < rounds; round += perCall)
        {
            var start = Counters.Take();
            await Round(round);
            var took = Counters.Take() - start;
            phase += took;
            if (interleave)
            {
                raw += MeasureRawVerify(blocks, keys, TimeSpan.FromTicks(Math.Clamp(took.Elapsed.Ticks, TimeSpan.TicksPerSecond / 5, 2 * TimeSpan.TicksPerSecond)));
            }
        }

        if (interleave)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw Ed25519 verify between the timed rounds: {raw.PerSecond:N0}/s, {raw.CpuEach.TotalMicroseconds:N1} us of CPU each"));
        }

        var (rawVerify, rawCpu) = (raw.PerSecond, raw.CpuEach);
        var (cpu, writerCpu, allocated, workItems, collections) = (phase.Cpu, phase.WriterCpu, phase.Allocated, phase.WorkItems, phase.Collections);
        var timed = (long)meters * (rounds - warmupRounds);
        var ingest = timed / phase.Elapsed.TotalSeconds;
        var bytes = FileSizeOrZero(silo.DatabasePath) + FileSizeOrZero(silo.DatabasePath + "-wal");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingested {timed:N0} blocks in {phase.Elapsed.TotalSeconds:N2} s: {ingest:N0} blocks/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ingest / raw verify: {ingest / rawVerify:N2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU: {cpu.TotalMicroseconds / timed:N0} us per block, cores busy {cpu / phase.Elapsed:N2} of {Environment.ProcessorCount}; raw verify costs {Environment.ProcessorCount * 1e6 / rawVerify:N0} us"));
        // The same comparison in CPU time: what the VM's other tenants take from either phase
        // (steal time) is counted in neither, where the ratio above assumes both cores stayed ours.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU ratio, raw verify CPU / CPU per block: {rawCpu.TotalMicroseconds / (cpu.TotalMicroseconds / timed):N2}"));
        // Counts, not times: they hold on a busy machine where the timings above do not.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per block: {allocated / (double)timed:N0} bytes allocated, {workItems / (double)timed:N2} thread-pool work items; {collections} gen-0 collections"));
        if (!inMemory)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"of which the store's writer thread: {writerCpu.TotalMicroseconds / timed:N0} us per block"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {bytes / (double)blocks.Zip(staggered, (timedAndWarm, first) => timedAndWarm.Length + first.Length).Sum():N0} bytes per block (24 readings, 6 channels) including indexes"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(inMemory ? "in memory" : flush ? "SQLite, fsync" : "SQLite, no fsync")}{(stagger > 1 ? $", staggered over {stagger}" : "")}{(shuffle ? ", shuffled" : "")}{(batch > 1 ? $", batches of {batch}" : "")}{(perCall > 1 ? $", {perCall} blocks per call" : "")}{(remote ? ", remote client" : "")} | {meters:N0} | {rounds - warmupRounds} | {concurrency} | {rawVerify:N0} | {ingest:N0} | {ingest / rawVerify:N2} |"));
        return 0;
    }

    // One dedicated thread per core, verifying the same blocks the silo will ingest.
    private static RawVerify MeasureRawVerify(MeterBlock[][] blocks, PublicKey[] keys, TimeSpan duration)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(worker => new Thread(() =>
        {
            long local = 0;
            for (var i = worker % blocks.Length; stopwatch.Elapsed < duration; i = (i + Environment.ProcessorCount) % blocks.Length)
            {
                foreach (var block in blocks[i])
                {
                    if (!keys[i].Verify(block.SignedBytes, block.Signature))
                    {
                        throw new InvalidOperationException("a benchmark block does not verify");
                    }

                    local++;
                }
            }

            Interlocked.Add(ref count, local);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return new RawVerify(count, stopwatch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    // Raw verifications counted over some wall time and the process CPU they took; slices add up.
    private readonly record struct RawVerify(long Count, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;

        public TimeSpan CpuEach => Cpu / Count;

        public static RawVerify operator +(RawVerify a, RawVerify b) => new(a.Count + b.Count, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu);
    }

    // What the process spent over a stretch of the run: wall time, CPU (all threads and the store's
    // writer thread), bytes allocated, thread-pool work items and gen-0 collections.
    private readonly record struct Counters(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan WriterCpu, long Allocated, long WorkItems, int Collections)
    {
        public static Counters Take() => new(
            Stopwatch.GetElapsedTime(0),
            Process.GetCurrentProcess().TotalProcessorTime,
            WriterThreadCpu(),
            GC.GetTotalAllocatedBytes(),
            ThreadPool.CompletedWorkItemCount,
            GC.CollectionCount(0));

        public static Counters operator -(Counters a, Counters b) => new(a.Elapsed - b.Elapsed, a.Cpu - b.Cpu, a.WriterCpu - b.WriterCpu, a.Allocated - b.Allocated, a.WorkItems - b.WorkItems, a.Collections - b.Collections);

        public static Counters operator +(Counters a, Counters b) => new(a.Elapsed + b.Elapsed, a.Cpu + b.Cpu, a.WriterCpu + b.WriterCpu, a.Allocated + b.Allocated, a.WorkItems + b.WorkItems, a.Collections + b.Collections);
    }

    private static async Task IngestRoundAsync(IMeterGrain[] meters, MeterBlock[][] blocks, int[] order, int round, int concurrency)
    {
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var block = blocks[i][round];
            var result = await meters[i].IngestAsync(block);
            if (!result.Accepted)
            {
                throw new InvalidOperationException($"{block}: {result}");
            }
        });
    }

    // A meter's backlog: `perCall` consecutive blocks of each meter in one IngestManyAsync call.
    private static async Task IngestBacklogRoundAsync(IMeterGrain[] meters, MeterBlock[][] blocks, int[] order, int round, int perCall, int concurrency)
    {
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var results = await meters[i].IngestManyAsync([.. blocks[i].AsSpan(round, perCall)]);
            if (results.Length != perCall || !results.All(r => r.Accepted))
            {
                throw new InvalidOperationException($"meter {i}, blocks {round}-{round + perCall - 1}: {string.Join("; ", results)}");
            }
        });
    }

    // CPU time of the SQLite store's writer thread so far (Linux: /proc/self/task), zero elsewhere.
    private static TimeSpan WriterThreadCpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        foreach (var task in System.IO.Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != "smartgrid-sqlit")
                {
                    continue;
                }

                // Fields after the ")" closing the thread's name: utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromSeconds(ticks / 100.0);
            }
            catch (IOException)
            {
            }
        }

        return TimeSpan.Zero;
    }

    // A data concentrator's way: one call per batch of consecutive meters, as many blocks in flight
    // as the per-block driver keeps (batches x batch size ~ concurrency).
    private static async Task IngestBatchedRoundAsync(Func<MeterBlock[], Task<ImmutableArray<IngestResult>>> submit, MeterBlock[][] blocks, int round, int batch, int concurrency)
    {
        var batches = Enumerable.Range(0, (blocks.Length + batch - 1) / batch);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (b, _) =>
        {
            var sent = new MeterBlock[Math.Min(batch, blocks.Length - (b * batch))];
            for (var i = 0; i < sent.Length; i++)
            {
                sent[i] = blocks[(b * batch) + i][round];
            }

            var results = await submit(sent);
            for (var i = 0; i < sent.Length; i++)
            {
                if (!results[i].Accepted)
                {
                    throw new InvalidOperationException($"{sent[i]}: {results[i]}");
                }
            }
        });
    }

    private static long FileSizeOrZero(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
