using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>
/// One validator of the simulation: an engine (none for silent and scripted validators) and the
/// behaviour that turns what the engine wants to send into what is actually sent.
/// </summary>
internal sealed class SimulatedNode
{
    private const int ReplayLog = 256;

    private readonly ValidatorSet _set;
    private readonly SigningKeyPair _key;
    private readonly SimRandom _random;
    private readonly ulong _seed;
    private readonly List<ConsensusMessage> _log = [];

    public SimulatedNode(int index, Behaviour behaviour, ValidatorSet set, SigningKeyPair key, ulong seed, Hash256 genesis, ConsensusOptions options)
    {
        Index = index;
        Behaviour = behaviour;
        _set = set;
        _key = key;
        _seed = seed;
        _random = new SimRandom(SimRandom.Mix(seed, (ulong)index, 0x0DE));
        if (behaviour is not (Behaviour.Silent or Behaviour.Colluder))
        {
            Engine = new ConsensusEngine(set, set[index].Id, key, new HarnessApplication(seed, set.Count, index), options, genesis);
        }
    }

    public int Index { get; }

    public Behaviour Behaviour { get; }

    public bool IsHonest => Behaviour == Behaviour.Honest;

    public ConsensusEngine? Engine { get; }

    public ConsensusOutput? Receive(ConsensusMessage message)
    {
        if (Behaviour == Behaviour.Replayer && message is not CommitAnnouncement)
        {
            if (_log.Count < ReplayLog)
            {
                _log.Add(message);
            }
            else
            {
                _log[_random.Next(ReplayLog)] = message;
            }
        }

        return Engine?.Receive(message);
    }

    /// <summary>What is really sent for what the engine asked to broadcast.</summary>
    public IEnumerable<Outgoing> Transform(ConsensusOutput output)
    {
        foreach (var message in output.Broadcasts)
        {
            switch (Behaviour, message)
            {
                case (Behaviour.Equivocator, Vote vote):
                    foreach (var sent in Split(vote, Vote.Create(vote.SetId, vote.Height, vote.Round, vote.Type, Conflicting(vote.BlockId), vote.Validator, _key)))
                    {
                        yield return sent;
                    }

                    break;
                case (Behaviour.Equivocator, Proposal proposal):
                    foreach (var sent in Split(proposal, Repropose(proposal, proposal.Block.Claim, HarnessApplication.Payload(true, Index, ~proposal.Height))))
                    {
                        yield return sent;
                    }

                    break;
                case (Behaviour.InvalidProposer, Proposal proposal):
                    yield return new Outgoing(Outgoing.Everyone, Repropose(proposal, proposal.Block.Claim, HarnessApplication.Payload(false, Index, proposal.Height)));
                    break;
                case (Behaviour.EfficiencyLiar, Proposal proposal):
                    var boosted = proposal.Block.Claim.SetItem(Index, (uint)EfficiencyParameters.Scale);
                    yield return new Outgoing(Outgoing.Everyone, Repropose(proposal, boosted, HarnessApplication.Payload(true, Index, proposal.Height)));
                    break;
                case (Behaviour.EfficiencyLiar, Vote vote) when vote.Type == VoteType.Prevote && _random.Chance(0.3):
                    // Out of turn: a proposal of its own in a round the lottery gave to someone else.
                    yield return new Outgoing(Outgoing.Everyone, vote);
                    var content = new HarnessApplication(_seed, _set.Count, Index).BuildBlock(vote.Height, Hash256.Zero);
                    var table = Engine!.Scores.Scores;
                    var block = ConsensusBlock.Create(_set.Id, vote.Height, Engine.LastCommitted, table, content.Observations, content.Rewards, [], content.Payload.Span);
                    yield return new Outgoing(Outgoing.Everyone, Proposal.Create(vote.Height, vote.Round, -1, block, content.Payload.Span, _set[Index].Id, _key));
                    break;
                default:
                    yield return new Outgoing(Outgoing.Everyone, message);
                    break;
            }
        }

        // Replays ride on the replayer's own traffic only, so two replayers cannot feed each other.
        if (Behaviour == Behaviour.Replayer && _log.Count > 0 && output.Broadcasts.Count > 0)
        {
            for (var i = 0; i < 2; i++)
            {
                yield return new Outgoing(Outgoing.Everyone, _log[_random.Next(_log.Count)]);
            }
        }
    }

    private IEnumerable<Outgoing> Split(ConsensusMessage original, ConsensusMessage conflicting)
    {
        if (_random.Chance(0.5))
        {
            yield return new Outgoing(Outgoing.Everyone, original);
            yield return new Outgoing(Outgoing.Everyone, conflicting);
            yield break;
        }

        for (var to = 0; to < _set.Count; to++)
        {
            if (to != Index)
            {
                yield return new Outgoing(to, to % 2 == 0 ? original : conflicting);
            }
        }
    }

    private Hash256? Conflicting(Hash256? blockId) => blockId is null ? Hash256.Compute([0xEE, (byte)Index]) : null;

    private Proposal Repropose(Proposal proposal, ImmutableArray<uint> claim, byte[] payload)
    {
        var b = proposal.Block;
        var block = ConsensusBlock.Create(b.SetId, b.Height, b.Previous, claim, b.Observations, b.Rewards, b.Evidence, payload);
        return Proposal.Create(proposal.Height, proposal.Round, proposal.PolRound, block, payload, proposal.Proposer, _key);
    }
}
