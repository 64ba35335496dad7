namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>Everything a simulated run depends on; the same scenario always gives the same run.</summary>
internal sealed record SimulationScenario(ulong Seed, Behaviour[] Behaviours, NetworkFaults Faults, int TargetHeights, long LivenessBoundMs)
{
    /// <summary>The byzantine kinds mixed into seeded runs.</summary>
    public static readonly Behaviour[] ByzantineKinds =
        [Behaviour.Silent, Behaviour.Equivocator, Behaviour.InvalidProposer, Behaviour.EfficiencyLiar, Behaviour.Replayer];

    public int Validators => Behaviours.Length;

    /// <summary>
    /// The scenario of <paramref name="seed"/> with <paramref name="validators"/> validators: exactly
    /// f byzantine ones of kinds drawn from <see cref="ByzantineKinds"/> at random places, and a
    /// network that drops up to 20 %, duplicates up to 20 %, delays 1-80 ms and, one run in two,
    /// partitions the validators in two before healing within 4 s.
    /// </summary>
    public static SimulationScenario FromSeed(ulong seed, int validators, int targetHeights = 4)
    {
        var random = new SimRandom(SimRandom.Mix(seed, (ulong)validators, 0x5CE7A210));
        var behaviours = new Behaviour[validators];
        var faulty = (validators - 1) / 3;
        var order = Enumerable.Range(0, validators).OrderBy(_ => random.NextUInt64()).ToArray();
        for (var i = 0; i < faulty; i++)
        {
            behaviours[order[i]] = ByzantineKinds[random.Next(ByzantineKinds.Length)];
        }

        var heal = random.Next(500, 4000);
        int[]? groups = null;
        if (random.Chance(0.5))
        {
            groups = [.. Enumerable.Range(0, validators).Select(_ => random.Next(2))];
        }

        var minDelay = random.Next(1, 5);
        var faults = new NetworkFaults
        {
            DropRate = random.NextDouble() * 0.2,
            DuplicateRate = random.NextDouble() * 0.2,
            MinDelayMs = minDelay,
            MaxDelayMs = random.Next(minDelay + 5, 80),
            PartitionGroups = groups,
            PartitionStartMs = random.Next(0, heal),
            HealMs = heal,
        };
        return new SimulationScenario(seed, behaviours, faults, targetHeights, 60_000);
    }

    public override string ToString() =>
        $"seed {Seed}, n={Validators} [{string.Join(' ', Behaviours)}], {Faults}, {TargetHeights} heights";
}
