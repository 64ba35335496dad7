using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SmartGrid.Consensus.Tests.Simulation;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>
/// PoEf consensus in process, on the seeded simulation harness of the consensus tests (no silo,
/// no streams): <c>poef-soak</c> runs many seeds of the byzantine, faulty-network scenario and
/// checks safety, validity and liveness; <c>poef-throughput</c> runs honest validators on a clean
/// network and reports heights per second and commit latency in simulated and wall time.
/// </summary>
public static class PoefScenario
{
    public static int Run(string command, string[] args) => command == "poef-soak" ? Soak(args) : Throughput(args);

    /// <summary>
    /// <c>poef-soak [--seeds N] [--first S] [--heights H] [--n 4,7,10]</c>, or
    /// <c>poef-soak --replay SEED --n N [--heights H]</c> to rerun one seed and print what it did.
    /// </summary>
    private static int Soak(string[] args)
    {
        var options = new ScenarioArguments(args);
        var sizes = Sizes(args, [4, 7, 10]);
        var heights = options.Int("--heights", 4);
        if (Value(args, "--replay") is { } replay)
        {
            var seed = ulong.Parse(replay, CultureInfo.InvariantCulture);
            var result = PoefSimulation.Replay(seed, sizes[0], heights);
            Console.WriteLine(result.Describe());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages sent {result.MessagesDelivered:N0}, evidence committed {result.EvidenceCommitted}, final scores (ppm) [{string.Join(' ', result.FinalScores)}], commit intervals (ms) [{string.Join(' ', result.CommitIntervalsMs)}], trace {result.Trace}"));
            return result.Passed ? 0 : 1;
        }

        var seeds = options.Int("--seeds", 10_000);
        var first = (ulong)(Value(args, "--first") is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0);
        Console.WriteLine($"poef-soak: {seeds:N0} seeds from {first} for each n in {{{string.Join(", ", sizes)}}}, f byzantine of mixed kinds, {heights} heights each");
        var runs = sizes.SelectMany(n => Enumerable.Range(0, seeds).Select(i => (Seed: first + (ulong)i, N: n))).ToList();
        var failures = new ConcurrentBag<string>();
        var done = 0;
        long simulatedMs = 0, messages = 0, evidence = 0;
        var stopwatch = Stopwatch.StartNew();
        Parallel.ForEach(runs, run =>
        {
            var result = PoefSimulation.Replay(run.Seed, run.N, heights);
            Interlocked.Add(ref simulatedMs, result.EndMs);
            Interlocked.Add(ref messages, result.MessagesDelivered);
            Interlocked.Add(ref evidence, result.EvidenceCommitted);
            if (!result.Passed)
            {
                failures.Add(result.Describe());
            }

            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done:N0}/{runs.Count:N0} runs, {failures.Count} failing, {stopwatch.Elapsed.TotalSeconds:N0} s"));
            }
        });

        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            Console.WriteLine("FAIL " + failure);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {runs.Count:N0} | {string.Join("/", sizes)} | {heights} | {failures.Count} | {simulatedMs / 1000.0 / 3600:N1} h | {messages:N0} | {evidence:N0} | {stopwatch.Elapsed.TotalSeconds:N0} s |"));
        return failures.IsEmpty ? 0 : 1;
    }

    /// <summary><c>poef-throughput [--heights H] [--n 4,7,16] [--delay-max MS]</c>: all honest, no drops, delays 1..MS ms (0: instantaneous).</summary>
    private static int Throughput(string[] args)
    {
        var options = new ScenarioArguments(args);
        var sizes = Sizes(args, [4, 7, 16]);
        var heights = options.Int("--heights", 500);
        var maxDelay = Value(args, "--delay-max") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : 10;
        Console.WriteLine($"poef-throughput: {heights} heights, honest validators, delays {Math.Min(1, maxDelay)}-{maxDelay} ms, one thread");
        Console.WriteLine("| n | delays | heights/s (simulated) | p50 / p99 commit interval (simulated) | heights/s (wall, 1 thread) | CPU per height | messages per height |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var n in sizes)
        {
            var scenario = new SimulationScenario(1, new Behaviour[n], NetworkFaults.None with { MinDelayMs = Math.Min(1, maxDelay), MaxDelayMs = maxDelay }, heights, 600_000);
            PoefSimulation.Run(scenario with { TargetHeights = 20 }); // warm-up: JIT and tiering
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var result = PoefSimulation.Run(scenario);
            var wall = stopwatch.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (!result.Passed)
            {
                Console.WriteLine("FAIL " + result.Describe());
                return 1;
            }

            var intervals = result.CommitIntervalsMs.Order().ToArray();
            var simulatedSeconds = Math.Max(result.EndMs, 1) / 1000.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {Math.Min(1, maxDelay)}-{maxDelay} ms | {heights / simulatedSeconds:N0} | {Percentile(intervals, 0.50)} / {Percentile(intervals, 0.99)} ms | {heights / wall.TotalSeconds:N0} | {cpu.TotalMilliseconds / heights:N2} ms | {result.MessagesDelivered / (double)heights:N0} |"));
        }

        return 0;
    }

    internal static long Percentile(long[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    internal static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    internal static int[] Sizes(string[] args, int[] fallback) =>
        Value(args, "--n") is { } list ? [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : fallback;
}
