using System.Security.Cryptography;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>
/// Runs one scenario to the end and checks the invariants as decisions happen:
/// safety (no two honest validators commit different blocks at one height), validity (every
/// committed block has a good certificate, passes the protocol's and the application's rules
/// against the committed chain), and liveness (every honest validator commits the target heights
/// within <see cref="SimulationScenario.LivenessBoundMs"/> of simulated time after the network heals).
/// </summary>
internal sealed class PoefSimulation
{
    private readonly SimulationScenario _scenario;
    private readonly ValidatorSet _set;
    private readonly SimulatedNode[] _nodes;
    private readonly VirtualNetwork _network;
    private readonly EfficiencyBook _reference;
    private readonly Dictionary<ulong, (Hash256 Block, int Node)> _firstCommit = [];
    private readonly Dictionary<ulong, long> _firstCommitTime = [];
    private readonly Dictionary<ulong, Decision> _unchecked = [];
    private readonly int[] _committed;
    private readonly List<string> _violations = [];
    private readonly IncrementalHash _trace = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _evidence;

    private PoefSimulation(SimulationScenario scenario)
    {
        _scenario = scenario;
        var seedBytes = BitConverter.GetBytes(scenario.Seed);
        var keys = Enumerable.Range(0, scenario.Validators).Select(i => SigningKeyPair.Derive(seedBytes, $"poef-sim/{i}")).ToArray();
        _set = new ValidatorSet(DeviceId.Parse("substation-sim"), keys.Select((k, i) => new Validator(DeviceId.Parse($"dc-{i:000}"), k.PublicKey)));
        var genesis = Hash256.Compute(seedBytes);
        var options = new ConsensusOptions();
        _nodes = [.. Enumerable.Range(0, scenario.Validators).Select(i => new SimulatedNode(i, scenario.Behaviours[i], _set, keys[i], scenario.Seed, genesis, options))];
        _network = new VirtualNetwork(scenario.Faults, new SimRandom(SimRandom.Mix(scenario.Seed, 0x7E7, (ulong)scenario.Validators)));
        _reference = new EfficiencyBook(_set, options.Efficiency, genesis);
        _committed = new int[scenario.Validators];
        if (_nodes.Any(n => n.Behaviour == Behaviour.Colluder))
        {
            foreach (var (from, message) in CollusionAttack.Messages(_set, _nodes, keys, scenario.Seed, genesis))
            {
                _network.Send(0, from, message.To, message.Message);
            }
        }
    }

    /// <summary>Runs <paramref name="scenario"/> and returns what it showed.</summary>
    public static SimulationResult Run(SimulationScenario scenario) => new PoefSimulation(scenario).Execute();

    /// <summary>Runs the seeded scenario again, exactly as the CI test or the soak ran it.</summary>
    public static SimulationResult Replay(ulong seed, int validators, int heights = 4) =>
        Run(SimulationScenario.FromSeed(seed, validators, heights));

    private SimulationResult Execute()
    {
        foreach (var node in _nodes)
        {
            if (node.Engine is { } engine)
            {
                Handle(node, engine.Start(), 0);
            }
        }

        var limit = _scenario.Faults.HealMs + _scenario.LivenessBoundMs;
        var now = 0L;
        while (!Done() && _network.TryNext(limit, out var at, out var next))
        {
            now = at;
            var node = _nodes[next.Node];
            var output = next.Message is { } message ? node.Receive(message) : node.Engine?.OnTimeout(next.Timeout);
            if (output is not null)
            {
                Handle(node, output, now);
            }
        }

        foreach (var node in _nodes.Where(n => n.IsHonest && _committed[n.Index] < _scenario.TargetHeights))
        {
            var engine = node.Engine!;
            _violations.Add($"liveness: {_set[node.Index].Id} committed {_committed[node.Index]} of {_scenario.TargetHeights} heights by {limit} ms ({_scenario.LivenessBoundMs} ms after healing), "
                + $"stuck at h{engine.Height} r{engine.Round} {engine.Step} locked r{engine.LockedRound} valid r{engine.ValidRound}");
        }

        var intervals = new List<long>();
        for (var h = 1UL; _firstCommitTime.TryGetValue(h, out var at); h++)
        {
            intervals.Add(at - (h == 1 ? 0 : _firstCommitTime[h - 1]));
        }

        var heights = _nodes.Where(n => n.IsHonest).Select(n => _committed[n.Index]).DefaultIfEmpty(0).Min();
        return new SimulationResult(_scenario, _violations, heights, now, _network.Sent, _evidence, intervals, _reference.Table.Scores, Convert.ToHexStringLower(_trace.GetHashAndReset()));
    }

    private bool Done() => _nodes.All(n => !n.IsHonest || _committed[n.Index] >= _scenario.TargetHeights);

    private void Handle(SimulatedNode node, ConsensusOutput output, long now)
    {
        if (node.IsHonest)
        {
            foreach (var decision in output.Decisions)
            {
                Check(node.Index, decision, now);
            }
        }

        foreach (var timeout in output.Timeouts)
        {
            _network.Schedule(now, node.Index, timeout);
        }

        foreach (var (to, message) in node.Transform(output))
        {
            for (var target = 0; target < _nodes.Length; target++)
            {
                if (target != node.Index && (to == Outgoing.Everyone || to == target))
                {
                    _network.Send(now, node.Index, target, message);
                }
            }
        }
    }

    private void Check(int node, Decision decision, long now)
    {
        _committed[node]++;
        _trace.AppendData([.. BitConverter.GetBytes(now), (byte)node, .. decision.Block.Hash.Span]);
        var height = decision.Height;
        if (_firstCommit.TryGetValue(height, out var first))
        {
            if (first.Block != decision.Block.Hash)
            {
                _violations.Add($"safety: at height {height} {_set[first.Node].Id} committed {first.Block.ToShortString()} but {_set[node].Id} committed {decision.Block.Hash.ToShortString()}");
            }

            return;
        }

        _firstCommit[height] = (decision.Block.Hash, node);
        _firstCommitTime[height] = now;
        if (decision.Certificate.Check(_set, decision.Block) is not CertificateDefect.None and var defect)
        {
            _violations.Add($"validity: the certificate of height {height} is {defect}");
        }

        _unchecked[height] = decision;
        while (_unchecked.Remove(_reference.Height, out var next))
        {
            var block = next.Block;
            var problem = BlockRules.ProvableDefect(block, _set, _reference.Table, _reference.Previous)
                ?? BlockRules.EvidenceDefect(block, _set, _reference)
                ?? (HarnessApplication.Check(_scenario.Seed, _set.Count, block, next.Payload.Span) ? null : "the application rejects it");
            if (problem is not null)
            {
                _violations.Add($"validity: block {block.Hash.ToShortString()} committed at height {block.Height}: {problem}");
                return;
            }

            _evidence += block.Evidence.Length;
            _reference.Apply(block);
        }
    }
}
