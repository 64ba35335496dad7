using System.Collections.Concurrent;
using SmartGrid.Consensus.Tests.Simulation;

namespace SmartGrid.Consensus.Tests.Harness;

public class SimulationTests
{
    [Fact]
    public void A_thousand_seeds_with_f_byzantine_validators_of_mixed_kinds_keep_safety_validity_and_liveness()
    {
        // 1,000 runs: n = 4, 7 and 10 with f = 1, 2 and 3 byzantine validators; heights tuned so the
        // test stays within about a minute on two cores. The soak in benchmarks/ runs 10,000+.
        var runs = new[] { (N: 4, Seeds: 400, Heights: 4), (N: 7, Seeds: 350, Heights: 3), (N: 10, Seeds: 250, Heights: 3) }
            .SelectMany(size => Enumerable.Range(0, size.Seeds).Select(s => (Seed: (ulong)s, size.N, size.Heights)))
            .ToList();
        var failures = new ConcurrentBag<string>();
        var committed = new ConcurrentBag<int>();
        var evidence = 0;
        Parallel.ForEach(runs, run =>
        {
            var result = PoefSimulation.Replay(run.Seed, run.N, run.Heights);
            committed.Add(result.HeightsCommitted - run.Heights);
            Interlocked.Add(ref evidence, result.EvidenceCommitted);
            if (!result.Passed)
            {
                failures.Add(result.Describe());
            }
        });

        runs.Should().HaveCount(1_000);
        failures.Should().BeEmpty("every seed must keep the invariants; each line names its seed and how to replay it");
        committed.Should().HaveCount(1_000).And.OnlyContain(extra => extra >= 0, "every honest validator commits the target heights");
        evidence.Should().BePositive("equivocators and liars are caught and punished in committed blocks");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public void F_plus_one_colluding_equivocators_fork_the_chain_and_the_checker_reports_it(int n)
    {
        var colluders = ((n - 1) / 3) + 1;
        var behaviours = Enumerable.Range(0, n).Select(i => i < colluders ? Behaviour.Colluder : Behaviour.Honest).ToArray();

        var result = PoefSimulation.Run(new SimulationScenario(7, behaviours, NetworkFaults.None, 1, 5_000));

        result.Violations.Should().Contain(v => v.StartsWith("safety: at height 1", StringComparison.Ordinal), "f+1 byzantine validators are beyond what PoEf tolerates");
    }

    [Fact]
    public void With_f_colluders_the_same_attack_fails()
    {
        var behaviours = new[] { Behaviour.Colluder, Behaviour.Honest, Behaviour.Honest, Behaviour.Honest };

        var result = PoefSimulation.Run(new SimulationScenario(7, behaviours, NetworkFaults.None, 3, 30_000));

        result.Violations.Should().BeEmpty();
        result.HeightsCommitted.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void A_seed_replays_to_exactly_the_same_run()
    {
        var first = PoefSimulation.Replay(123, 7);
        var second = PoefSimulation.Replay(123, 7);

        first.Trace.Should().Be(second.Trace);
        first.MessagesDelivered.Should().Be(second.MessagesDelivered);
        first.FinalScores.Should().Equal(second.FinalScores);
        PoefSimulation.Replay(124, 7).Trace.Should().NotBe(first.Trace);
    }

    [Fact]
    public void A_validator_that_lies_about_efficiency_is_caught_and_its_committed_score_falls()
    {
        var behaviours = new[] { Behaviour.Honest, Behaviour.EfficiencyLiar, Behaviour.Honest, Behaviour.Honest, Behaviour.Honest, Behaviour.Honest, Behaviour.Honest };

        var result = PoefSimulation.Run(new SimulationScenario(5, behaviours, NetworkFaults.None with { MaxDelayMs = 20 }, 40, 60_000));

        result.Violations.Should().BeEmpty();
        result.EvidenceCommitted.Should().BePositive();
        result.FinalScores[1].Should().BeLessThan(result.FinalScores.Where((_, i) => i != 1).Min(), "penalties for false claims and out-of-turn proposals pull it below every honest validator");
    }

    [Fact]
    public void After_a_long_partition_heals_every_honest_validator_catches_up()
    {
        var faults = new NetworkFaults { DropRate = 0.3, DuplicateRate = 0.1, MaxDelayMs = 50, PartitionGroups = [0, 0, 1, 1, 1, 0, 1], PartitionStartMs = 0, HealMs = 20_000 };

        var result = PoefSimulation.Run(new SimulationScenario(9, new Behaviour[7], faults, 6, 30_000));

        result.Violations.Should().BeEmpty();
        result.HeightsCommitted.Should().BeGreaterThanOrEqualTo(6);
        result.CommitIntervalsMs[0].Should().BeGreaterThanOrEqualTo(20_000, "neither side holds a quorum while partitioned");
    }
}
