using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>
/// The fork that more than f colluding validators can force, to show the safety checker sees it:
/// in the first round of height 1 whose proposer is a colluder, they sign two valid blocks A and B,
/// and send the proposal, prevotes and precommits of A to one half of the honest validators and of
/// B to the other half. With f+1 colluders each half reaches a quorum on its own block.
/// </summary>
internal static class CollusionAttack
{
    public static IEnumerable<(int From, Outgoing Message)> Messages(ValidatorSet set, IReadOnlyList<SimulatedNode> nodes, IReadOnlyList<SigningKeyPair> keys, ulong seed, Hash256 genesis)
    {
        var colluders = nodes.Where(n => n.Behaviour == Behaviour.Colluder).Select(n => n.Index).ToHashSet();
        var honest = nodes.Where(n => n.Behaviour != Behaviour.Colluder).Select(n => n.Index).ToList();
        var table = EfficiencyTable.Uniform(set.Count);
        var round = Enumerable.Range(0, 256).First(r => colluders.Contains(ProposerLottery.Draw(set, table, EfficiencyParameters.Default, genesis, 1, r)));
        var proposer = ProposerLottery.Draw(set, table, EfficiencyParameters.Default, genesis, 1, round);

        for (var side = 0; side < 2; side++)
        {
            var payload = HarnessApplication.Payload(valid: true, proposer, 0xA0UL + (ulong)side);
            var block = ConsensusBlock.Create(set.Id, 1, genesis, table.Scores, HarnessApplication.Observations(seed, 1, set.Count), HarnessApplication.Rewards(seed, 1), [], payload);
            var targets = honest.Where((_, i) => i % 2 == side).ToList();
            var messages = new List<(int, ConsensusMessage)>
            {
                (proposer, Proposal.Create(1, round, -1, block, payload, set[proposer].Id, keys[proposer])),
            };
            foreach (var colluder in colluders)
            {
                messages.Add((colluder, Vote.Create(set.Id, 1, round, VoteType.Prevote, block.Hash, set[colluder].Id, keys[colluder])));
                messages.Add((colluder, Vote.Create(set.Id, 1, round, VoteType.Precommit, block.Hash, set[colluder].Id, keys[colluder])));
            }

            foreach (var (from, message) in messages)
            {
                foreach (var to in targets)
                {
                    yield return (from, new Outgoing(to, message));
                }
            }
        }
    }
}
