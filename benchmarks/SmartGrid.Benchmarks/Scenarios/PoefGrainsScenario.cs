using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartGrid.Client;
using SmartGrid.Consensus.Applications;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Grains.Consensus;
using SmartGrid.Hosting;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>
/// <c>poef-grains [--heights H] [--warmup W] [--n 4,7,16] [--streams [--poll-ms P] [--queues Q]] [--no-flush | --in-memory]</c>: PoEf through
/// real validator grains in one silo, messages on broadcast channels (the embedded profile's transport) or, with
/// <c>--streams</c>, on in-memory streams (Q queues, 8 by default) polled every P ms (1 by default), the signing
/// guard and every commit written to SQLite (fsync per group commit unless <c>--no-flush</c>; both in process memory with <c>--in-memory</c>, to isolate storage). Per
/// validator count: heights per second with the target opened H heights ahead, and the commit
/// latency at each validator (height open to height committed, from the grains' own histogram).
/// Each height commits the body of a substation block (empty, signed by a provisioned bench
/// substation), all offered to the validators before the heights are opened; the substation was
/// handed no set, so it ignores the validators' commit notices.
/// </summary>
public static class PoefGrainsScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new ScenarioArguments(args);
        var sizes = PoefScenario.Sizes(args, [4, 7, 16]);
        var heights = options.Int("--heights", 300);
        var warmup = options.Int("--warmup", 20);
        var poll = TimeSpan.FromMilliseconds(options.Int("--poll-ms", 1));
        var flush = !options.Flag("--no-flush");
        var commitWindow = options.CommitWindow();
        var queues = options.Int("--queues", 8);
        var directory = Path.Combine(Path.GetTempPath(), "smartgrid-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var inMemory = options.Flag("--in-memory");
        var streams = options.Flag("--streams");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (inMemory)
        {
            var store = new SmartGrid.Ledger.Storage.InMemoryLedgerStore();
            builder.Services.AddSingleton<SmartGrid.Ledger.Storage.ILedgerStore>(store);
            builder.Services.AddSingleton<SmartGrid.Ledger.Storage.IPkiStore>(store);
        }

        builder.UseOrleans(silo => (inMemory
                ? silo.AddMemoryGrainStorage(SmartGrid.Grains.StorageNames.GrainState).AddMemoryGrainStorage("PubSubStore")
                : silo.AddSqliteLedger(o =>
                {
                    o.Path = Path.Combine(directory, "smartgrid.db");
                    o.FlushEachCommit = flush;
                    o.GroupCommitWindow = commitWindow;
                }))
            .UseLocalhostClustering(21_211, 40_111)
            .AddValidatorTransport(streams, queues, poll)
            .AddSmartGrid(o => o.TrustAnchor = SampleBlocks.Root.PublicKey));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var client = SmartGridClient.FromGrainFactory(grains);
        var pki = host.Services.GetRequiredService<SmartGrid.Ledger.Storage.IPkiStore>();
        var now = DateTimeOffset.UtcNow;
        var utility = DeviceId.Parse("BENCH-UTILITY");
        await ProvisionAsync(client, utility, DeviceRole.Utility, null, now);
        if (warmup + 1 > AnchorChainApplication.MaxOffered || heights > AnchorChainApplication.MaxOffered)
        {
            throw new ArgumentException($"--heights and --warmup are at most {AnchorChainApplication.MaxOffered - 1}: the bodies are offered ahead");
        }

        var latencies = new ConcurrentQueue<double>();
        var recording = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConsensusMetrics.MeterName && instrument.Name == ConsensusMetrics.CommitLatencyName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            if (Volatile.Read(ref recording))
            {
                latencies.Enqueue(value);
            }
        });
        listener.Start();

        var transport = streams ? $"memory streams on {queues} queues polled every {poll.TotalMilliseconds} ms" : "broadcast channels";
        Console.WriteLine($"poef-grains: {heights} heights after {warmup} of warm-up, one silo, {transport}, {(inMemory ? "ledger and grain state in memory" : flush ? "SQLite with fsync" : "SQLite without fsync")}{(inMemory ? "" : $", commit window {commitWindow.TotalMilliseconds:0.###} ms")}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| n | heights/s | commit latency p50 / p99 | CPU per height | heights decided after round 0 | messages received per height |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var n in sizes)
        {
            var keys = Enumerable.Range(0, n).Select(i => SigningKeyPair.Derive("poef-grains"u8, $"{n}/{i}")).ToArray();
            var substation = DeviceId.Parse($"BENCH-SUB-{n}");
            var serial = await ProvisionAsync(client, substation, DeviceRole.Substation, utility, now);
            var bodies = Bodies(substation, serial, NodeKey(substation), warmup + heights, now);
            var set = new ValidatorSet(substation, keys.Select((k, i) => new Validator(DeviceId.Parse($"DC-{(n * 1000) + i + 1:D5}"), k.PublicKey)));
            foreach (var (member, key) in set.Members.Zip(keys))
            {
                // A validator counts only the votes of members whose certificate is in force (POEF §11.1).
                await pki.PutCertificateAsync(SampleBlocks.Root.Issue(member.Id, DeviceRole.Concentrator, key.PublicKey, now.AddYears(-1), now.AddYears(5)));
            }

            var validators = set.Members.Select(m => grains.GetGrain<IValidatorGrain>(ValidatorAddress.KeyOf(set.Id, m.Id))).ToArray();
            for (var i = 0; i < n; i++)
            {
                var result = await validators[i].EnrollAsync(new ValidatorEnrollment { ValidatorSet = set.Encoded.ToArray(), PrivateKey = keys[i].ExportPrivateKey(), Genesis = Hash256.Compute("poef-grains"u8) });
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.ToString());
                }
            }

            await OfferAsync(validators, bodies[..warmup]);
            await RunToAsync(validators, (ulong)warmup);
            await OfferAsync(validators, bodies[warmup..]);
            var received = (await Task.WhenAll(validators.Select(v => v.GetStatusAsync()))).Sum(s => s.Received);
            latencies.Clear();
            Volatile.Write(ref recording, true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await RunToAsync(validators, (ulong)(warmup + heights));
            stopwatch.Stop();
            Volatile.Write(ref recording, false);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            received = (await Task.WhenAll(validators.Select(v => v.GetStatusAsync()))).Sum(s => s.Received) - received;
            var lateRounds = await CountLateRoundsAsync(validators[0], (ulong)warmup + 1, heights);
            var sorted = latencies.Select(ms => (long)(ms * 1000)).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {heights / stopwatch.Elapsed.TotalSeconds:N0} | {PoefScenario.Percentile(sorted, 0.50) / 1000.0:N1} / {PoefScenario.Percentile(sorted, 0.99) / 1000.0:N1} ms | {cpu.TotalMilliseconds / heights:N1} ms | {lateRounds} | {received / (double)heights:N0} |"));
        }

        // What the silo burns with every validator waiting (the stream pulling agents poll their queues).
        var idle = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(3));
        idle = (Process.GetCurrentProcess().TotalProcessorTime - idle) / 3;
        Console.WriteLine($"idle silo afterwards: {idle.TotalMilliseconds:N0} ms of CPU per second");
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static SigningKeyPair NodeKey(DeviceId node) => SigningKeyPair.Derive("poef-grains"u8, node.Value);

    private static async Task<ulong> ProvisionAsync(SmartGridClient client, DeviceId node, DeviceRole role, DeviceId? parent, DateTimeOffset now)
    {
        var certificate = SampleBlocks.Root.Issue(node, role, NodeKey(node).PublicKey, now.AddYears(-1), now.AddYears(5));
        var result = await client.ProvisionNodeAsync(role, certificate, NodeKey(node), parent);
        return result.Succeeded ? certificate.Serial : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>The bodies of <paramref name="count"/> linked, empty substation blocks, one per height (commit scheme 1).</summary>
    private static byte[][] Bodies(DeviceId substation, ulong serial, SigningKeyPair key, int count, DateTimeOffset start)
    {
        var bodies = new byte[count][];
        var previous = Hash256.Zero;
        for (var i = 0; i < count; i++)
        {
            var block = AnchorBlock.Create(DeviceRole.Substation, substation, (ulong)i, serial, previous, start.AddSeconds(i), [], [], key, commit: CommitScheme.CommitCertificate);
            bodies[i] = block.Body.ToArray();
            previous = block.Hash;
        }

        return bodies;
    }

    private static async Task OfferAsync(IValidatorGrain[] validators, byte[][] bodies)
    {
        foreach (var body in bodies)
        {
            var refusals = await Task.WhenAll(validators.Select(v => v.OfferBlockAsync(body)));
            if (refusals.FirstOrDefault(r => r is not null) is { } refusal)
            {
                throw new InvalidOperationException($"a validator refused a body: {refusal}");
            }
        }
    }

    private static async Task RunToAsync(IValidatorGrain[] validators, ulong height)
    {
        await Task.WhenAll(validators.Select(v => v.CommitThroughAsync(height)));
        while ((await Task.WhenAll(validators.Select(v => v.GetStatusAsync()))).Any(s => s.Committed < height))
        {
            await Task.Delay(2);
        }
    }

    private static async Task<int> CountLateRoundsAsync(IValidatorGrain validator, ulong from, int count)
    {
        var late = 0;
        for (var height = from; height < from + (ulong)count; height += ValidatorGrain.MaxRecordsPerCall)
        {
            foreach (var record in await validator.GetCommittedAsync(height, Math.Min(ValidatorGrain.MaxRecordsPerCall, (int)(from + (ulong)count - height))))
            {
                late += CommitAnnouncement.Decode(record.Record).Certificate.Round > 0 ? 1 : 0;
            }
        }

        return late;
    }
}

file static class TransportRegistration
{
    /// <summary>The embedded profile's broadcast channels, or memory streams on <paramref name="queues"/> queues polled every <paramref name="poll"/>.</summary>
    public static ISiloBuilder AddValidatorTransport(this ISiloBuilder silo, bool streams, int queues, TimeSpan poll) => streams
        ? silo.AddMemoryStreams(ValidatorStreams.ProviderName, s =>
        {
            s.ConfigurePartitioning(queues);
            s.ConfigurePullingAgent(a => a.Configure(o => o.GetQueueMsgsTimerPeriod = poll));
        })
        : silo.AddValidatorChannels();
}
