using System.Collections.Concurrent;

using SmartGrid.Consensus.Tests.Simulation;

namespace SmartGrid.Consensus.Tests.Harness;

public class SimulationTests
{
    /// <summary>Seeds per validator count in CI: 3 × 350 = 1,050 runs.</summary>
    private const int SeedsPerSize = 350;

    [Fact]
    public void Over_a_thousand_seeds_with_f_byzantine_validators_keep_safety_validity_and_liveness()
    {
        var runs = new[] { 4, 7, 10 }.SelectMany(n => Enumerable.Range(0, SeedsPerSize).Select(s => (Seed: (ulong)s, N: n))).ToList();
        var failures = new ConcurrentBag<string>();
        var heights = new ConcurrentBag<int>();
        Parallel.ForEach(runs, run =>
        {
            var result = PoefSimulation.Replay(run.Seed, run.N);
            heights.Add(result.HeightsCommitted);
            if (!result.Passed)
            {
                failures.Add(result.Describe());
            }
        });

        failures.Should().BeEmpty("every seed must keep the invariants; each line names its seed and how to replay it");
        heights.Should().HaveCount(runs.Count).And.OnlyContain(h => h >= 4);
    }
}
