using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmartGrid.Contracts.Meters;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>
/// Memory held by one idle, provisioned meter grain with a chain: managed heap and working set
/// before and after activating N of them, divided by N.
/// </summary>
public static class IdleActivationScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new ScenarioArguments(args);
        var count = options.Int("--count", 100_000);
        var concurrency = options.Int("--concurrency", 256);
        Console.WriteLine($"idle activations: {count:N0} provisioned meters with one 24-reading block each");

        var fleet = Enumerable.Range(1, count).Select(SampleBlocks.Meter).ToArray();
        await using var silo = await ScratchSilo.StartAsync(flushEachCommit: false);
        var grains = silo.Host.Services.GetRequiredService<IGrainFactory>();
        await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (f, _) =>
        {
            var grain = grains.GetGrain<IMeterGrain>(f.Meter.Id.Value);
            await grain.ProvisionAsync(f.Certificate);
            var block = f.Meter.Seal(SampleBlocks.Start.AddHours(6), SampleBlocks.Start.AddHours(6))!;
            if (!(await grain.IngestAsync(block)).Accepted)
            {
                throw new InvalidOperationException($"{block} was not accepted");
            }
        });

        // Deactivate everything, then measure activating them again from the store.
        var management = grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await WaitForActivationsBelowAsync(management, 100);
        var (heapBefore, setBefore) = Measure();

        await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (f, _) =>
            await grains.GetGrain<IMeterGrain>(f.Meter.Id.Value).GetHeadAsync());
        var (heapAfter, setAfter) = Measure();
        var active = await management.GetTotalActivationCount();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"activations: {active:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap per idle meter: {(heapAfter - heapBefore) / (double)count:N0} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"working set per idle meter: {(setAfter - setBefore) / (double)count:N0} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {count:N0} | {(heapAfter - heapBefore) / (double)count:N0} | {(setAfter - setBefore) / (double)count:N0} |"));

        // --hold N keeps the silo up N seconds, to take a heap snapshot (dotnet-gcdump collect -p PID).
        var hold = options.Int("--hold", 0);
        if (hold > 0)
        {
            Console.WriteLine($"holding {hold} s, pid {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        return 0;
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static async Task WaitForActivationsBelowAsync(IManagementGrain management, int limit)
    {
        for (var attempt = 0; attempt < 120 && await management.GetTotalActivationCount() > limit; attempt++)
        {
            await Task.Delay(500);
        }
    }
}
