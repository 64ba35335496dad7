using System.Collections.Immutable;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Signing;
using SmartGrid.Consensus.Tests.Simulation;
using SmartGrid.Consensus.Tests.Support;

namespace SmartGrid.Consensus.Tests.Engine;

public class ConsensusEngineTests
{
    private static readonly TestValidators Validators = new(4);

    private static int ProposerOf(int round) =>
        ProposerLottery.Draw(Validators.Set, EfficiencyTable.Uniform(4), EfficiencyParameters.Default, TestValidators.Genesis, 1, round);

    private static int NotProposerOf(params int[] rounds) => Enumerable.Range(0, 4).First(i => rounds.All(r => ProposerOf(r) != i));

    private static Proposal ProposalBy(int proposer, int round, ulong nonce = 1, ImmutableArray<uint>? claim = null)
    {
        var payload = HarnessApplication.Payload(true, proposer, nonce);
        var block = ConsensusBlock.Create(Validators.Set.Id, 1, TestValidators.Genesis, claim ?? EfficiencyTable.Uniform(4).Scores,
            HarnessApplication.Observations(TestValidators.Seed, 1, 4), HarnessApplication.Rewards(TestValidators.Seed, 1), [], payload);
        return Proposal.Create(1, round, -1, block, payload, Validators.Id(proposer), Validators.Keys[proposer]);
    }

    private static Vote VoteBy(int validator, VoteType type, int round, Proposal? proposal) =>
        Vote.Create(Validators.Set.Id, 1, round, type, proposal?.Block.Hash, Validators.Id(validator), Validators.Keys[validator]);

    /// <summary>Runs <paramref name="engines"/> on a network that delivers every message, in order, until each has decided once.</summary>
    private static List<Decision>[] RunPerfectNetwork(ConsensusEngine[] engines)
    {
        var decisions = new List<Decision>[engines.Length];
        var queue = new Queue<(int From, ConsensusMessage Message)>();
        for (var i = 0; i < engines.Length; i++)
        {
            decisions[i] = [];
            Collect(i, engines[i].Start());
        }

        while (queue.TryDequeue(out var next) && decisions.Any(d => d.Count == 0))
        {
            for (var to = 0; to < engines.Length; to++)
            {
                if (to != next.From)
                {
                    Collect(to, engines[to].Receive(next.Message));
                }
            }
        }

        return decisions;

        void Collect(int node, ConsensusOutput output)
        {
            decisions[node].AddRange(output.Decisions);
            foreach (var message in output.Broadcasts)
            {
                queue.Enqueue((node, message));
            }
        }
    }

    [Fact]
    public void Four_honest_validators_on_a_perfect_network_commit_the_same_block_in_round_zero()
    {
        var decisions = RunPerfectNetwork([.. Enumerable.Range(0, 4).Select(Validators.Engine)]);

        decisions.Should().OnlyContain(d => d.Count >= 1);
        decisions.Select(d => d[0].Block.Hash).Distinct().Should().HaveCount(1);
        decisions[0][0].Certificate.Round.Should().Be(0);
        decisions[0][0].Certificate.Check(Validators.Set, decisions[0][0].Block).Should().Be(CertificateDefect.None);
        decisions[0][0].Payload.Span[1].Should().Be((byte)ProposerOf(0), "the block is the drawn proposer's");
    }

    [Fact]
    public void Validators_sharing_a_cache_of_verified_messages_decide_exactly_what_they_decide_without_it()
    {
        var cache = new VerifiedMessageCache();
        var shared = RunPerfectNetwork([.. Enumerable.Range(0, 4).Select(i => new ConsensusEngine(Validators.Set, Validators.Id(i), Validators.Keys[i],
            new HarnessApplication(TestValidators.Seed, 4, i), new ConsensusOptions { VerifiedMessages = cache }, TestValidators.Genesis))]);
        var alone = RunPerfectNetwork([.. Enumerable.Range(0, 4).Select(Validators.Engine)]);

        shared.Select(d => d[0].Block.Hash).Should().Equal(alone.Select(d => d[0].Block.Hash));
        shared.Select(d => d[0].Certificate.Encoded.ToArray()).Should().BeEquivalentTo(alone.Select(d => d[0].Certificate.Encoded.ToArray()), o => o.WithStrictOrdering());
        cache.Count.Should().BeGreaterThan(0).And.BeLessThan(4 * 3 * 3, "each message is verified once for all its receivers");
    }

    [Fact]
    public void A_duplicate_or_replayed_message_changes_nothing()
    {
        var self = NotProposerOf(0);
        var engine = Validators.Engine(self);
        engine.Start();
        var proposal = ProposalBy(ProposerOf(0), 0);

        var first = engine.Receive(proposal);
        var again = engine.Receive(proposal);
        var decoded = engine.Receive(ConsensusMessage.DecodeAny(proposal.Encode()));

        first.Broadcasts.OfType<Vote>().Single().BlockId.Should().Be(proposal.Block.Hash);
        again.Broadcasts.Should().BeEmpty();
        decoded.Broadcasts.Should().BeEmpty();
        decoded.Timeouts.Should().BeEmpty();
        engine.Step.Should().Be(RoundStep.Prevote);
    }

    [Fact]
    public void A_proposal_from_a_validator_the_lottery_did_not_draw_is_ignored_and_becomes_evidence()
    {
        var self = NotProposerOf(0);
        var intruder = Enumerable.Range(0, 4).First(i => i != self && i != ProposerOf(0));
        var engine = Validators.Engine(self);
        engine.Start();

        var output = engine.Receive(ProposalBy(intruder, 0));

        output.Broadcasts.Should().BeEmpty();
        output.Evidence.Single().Key.Should().Be(new MisbehaviourKey(MisbehaviourKind.InvalidProposal, Validators.Id(intruder), 1, 0, 0));
        engine.Step.Should().Be(RoundStep.Propose);
    }

    [Fact]
    public void A_false_efficiency_claim_is_prevoted_nil_and_its_proposer_is_reported()
    {
        var self = NotProposerOf(0);
        var proposer = ProposerOf(0);
        var engine = Validators.Engine(self);
        engine.Start();

        var output = engine.Receive(ProposalBy(proposer, 0, claim: EfficiencyTable.Uniform(4).Scores.SetItem(proposer, 999_999)));

        output.Broadcasts.OfType<Vote>().Single().BlockId.Should().BeNull();
        output.Evidence.Single().Kind.Should().Be(MisbehaviourKind.InvalidProposal);
        var anyone = new EfficiencyBook(Validators.Set, EfficiencyParameters.Default, TestValidators.Genesis);
        BlockRules.EvidenceDefect(output.Evidence[0], Validators.Set, anyone).Should().BeNull("any validator can check it from committed data");
    }

    [Fact]
    public void Two_different_votes_of_one_validator_become_evidence_and_the_first_still_counts()
    {
        var engine = Validators.Engine(NotProposerOf(0));
        engine.Start();
        var proposal = ProposalBy(ProposerOf(0), 0);
        var other = NotProposerOf(0) == 0 ? 1 : 0;

        engine.Receive(VoteBy(other, VoteType.Prevote, 0, proposal)).Evidence.Should().BeEmpty();
        var output = engine.Receive(VoteBy(other, VoteType.Prevote, 0, null));

        output.Evidence.Single().Kind.Should().Be(MisbehaviourKind.ConflictingVotes);
        output.Evidence[0].Key.Offender.Should().Be(Validators.Id(other));
    }

    /// <summary>A validator drawn in neither round 0 nor 1, locked in round 0 on the round-0 proposal by two other prevotes and its own.</summary>
    private static (int Self, ConsensusEngine Engine, Proposal Locked) LockedInRoundZero()
    {
        var self = NotProposerOf(0, 1);
        var engine = Validators.Engine(self);
        engine.Start();
        var locked = ProposalBy(ProposerOf(0), 0);
        engine.Receive(locked);
        foreach (var other in Enumerable.Range(0, 4).Where(i => i != self).Take(2))
        {
            engine.Receive(VoteBy(other, VoteType.Prevote, 0, locked));
        }

        return (self, engine, locked);
    }

    [Fact]
    public void A_validator_locked_on_a_block_prevotes_nil_for_a_fresh_other_block_in_a_later_round()
    {
        var (self, engine, locked) = LockedInRoundZero();

        engine.LockedRound.Should().Be(0);
        engine.LockedBlock.Should().Be(locked.Block.Hash);
        engine.OnTimeout(new TimeoutRequest(1, 0, TimeoutKind.Precommit, TimeSpan.Zero));
        engine.Round.Should().Be(1);

        var output = engine.Receive(ProposalBy(ProposerOf(1), 1, nonce: 99));

        output.Broadcasts.OfType<Vote>().Single().BlockId.Should().BeNull("the lock holds against a proposal without a newer proof-of-lock");
        engine.LockedBlock.Should().Be(locked.Block.Hash);
    }

    [Fact]
    public void A_validator_resumed_from_its_committed_blocks_continues_at_the_next_height_with_the_same_scores()
    {
        var book = new EfficiencyBook(Validators.Set, EfficiencyParameters.Default, TestValidators.Genesis);
        var blocks = new List<ConsensusBlock>();
        for (var h = 1UL; h <= 3; h++)
        {
            var block = ConsensusBlock.Create(Validators.Set.Id, h, book.Previous, book.Table.Scores,
                HarnessApplication.Observations(TestValidators.Seed, h, 4), [], [], [(byte)h]);
            book.Apply(block);
            blocks.Add(block);
        }

        var resumed = new ConsensusEngine(Validators.Set, Validators.Id(0), Validators.Keys[0], new HarnessApplication(TestValidators.Seed, 4, 0), new ConsensusOptions(), TestValidators.Genesis, blocks);

        resumed.Height.Should().Be(4);
        resumed.LastCommitted.Should().Be(blocks[^1].Hash);
        resumed.Scores.Scores.Should().Equal(book.Table.Scores);
        FluentActions.Invoking(() => new ConsensusEngine(Validators.Set, Validators.Id(0), Validators.Keys[0], new HarnessApplication(TestValidators.Seed, 4, 0), new ConsensusOptions(), TestValidators.Genesis, blocks.Skip(1)))
            .Should().Throw<ArgumentException>("a gap in the chain is refused");
    }

    [Fact]
    public void A_validator_resumed_with_its_recent_commits_hands_a_missed_commit_to_a_silent_lagging_peer()
    {
        // Three validators commit height 1 while the fourth hears nothing and says nothing (it
        // signed before a restart and waits); then one of the three restarts.
        var laggard = NotProposerOf(0);
        var deciders = Enumerable.Range(0, 4).Where(i => i != laggard).ToArray();
        var decisions = RunPerfectNetwork([.. deciders.Select(Validators.Engine)]);
        var decided = decisions[0][0];
        var first = deciders[0];
        ConsensusEngine Restart(bool withCommits)
        {
            var engine = ConsensusEngine.Resume(Validators.Set, Validators.Id(first), Validators.Keys[first],
                new HarnessApplication(TestValidators.Seed, 4, first), new ConsensusOptions(), TestValidators.Genesis, [decided.Block],
                withCommits ? [new CommitAnnouncement(decided.Block, decided.Payload, decided.Certificate)] : [], new SigningGuard());
            engine.Start();
            return engine;
        }

        var lagging = Validators.Engine(laggard);
        lagging.Start();

        var resumed = Restart(withCommits: true);
        var rebroadcast = resumed.OnTimeout(new TimeoutRequest(2, 0, TimeoutKind.Rebroadcast, TimeSpan.Zero));
        var forgetful = Restart(withCommits: false);

        resumed.Height.Should().Be(2);
        forgetful.OnTimeout(new TimeoutRequest(2, 0, TimeoutKind.Rebroadcast, TimeSpan.Zero)).Broadcasts.OfType<CommitAnnouncement>()
            .Should().BeEmpty("from its blocks alone a restarted validator has no certificate to hand on");
        var commit = rebroadcast.Broadcasts.OfType<CommitAnnouncement>().Should().ContainSingle().Subject;
        var caughtUp = lagging.Receive(commit);
        caughtUp.Decisions.Should().ContainSingle().Which.Block.Hash.Should().Be(decided.Block.Hash);
        lagging.Height.Should().Be(2);
        resumed.Receive(commit).Broadcasts.Should().BeEmpty("a commit of a past height changes nothing for a validator past it");
        FluentActions.Invoking(() => ConsensusEngine.Resume(Validators.Set, Validators.Id(first), Validators.Keys[first],
                new HarnessApplication(TestValidators.Seed, 4, first), new ConsensusOptions(), TestValidators.Genesis, [],
                [new CommitAnnouncement(decided.Block, decided.Payload, decided.Certificate)], new SigningGuard()))
            .Should().Throw<ArgumentException>("a commit must be of a block of the chain");
    }

    [Fact]
    public void A_block_the_application_refused_once_is_decided_when_it_accepts_it_later()
    {
        // The application says no until its host has looked something up (stored anchors, say).
        var laggard = NotProposerOf(0);
        var decided = RunPerfectNetwork([.. Enumerable.Range(0, 4).Where(i => i != laggard).Select(Validators.Engine)])[0][0];
        var application = new GatedApplication(new HarnessApplication(TestValidators.Seed, 4, laggard));
        var engine = new ConsensusEngine(Validators.Set, Validators.Id(laggard), Validators.Keys[laggard], application, new ConsensusOptions(), TestValidators.Genesis);
        engine.Start();
        var commit = new CommitAnnouncement(decided.Block, decided.Payload, decided.Certificate);

        engine.Receive(commit).Decisions.Should().BeEmpty("the application refused the block");
        application.Open = true;
        var later = engine.Receive(ConsensusMessage.DecodeAny(commit.Encode()));

        later.Decisions.Should().ContainSingle().Which.Block.Hash.Should().Be(decided.Block.Hash, "the engine asks the application again rather than remembering its no");
        engine.Height.Should().Be(2);
    }

    /// <summary>An application that refuses every block until <see cref="Open"/>, then answers as the inner one.</summary>
    private sealed class GatedApplication(IConsensusApplication inner) : IConsensusApplication
    {
        public bool Open { get; set; }

        public BlockContent BuildBlock(ulong height, Ledger.Hashing.Hash256 previous) => inner.BuildBlock(height, previous);

        public bool IsValid(ConsensusBlock block, ReadOnlySpan<byte> payload) => Open && inner.IsValid(block, payload);

        public void OnCommitted(ConsensusBlock block, ReadOnlySpan<byte> payload) => inner.OnCommitted(block, payload);
    }

    [Fact]
    public void Stale_timeouts_are_ignored()
    {
        var engine = Validators.Engine(NotProposerOf(0));
        engine.Start();

        var output = engine.OnTimeout(new TimeoutRequest(1, 3, TimeoutKind.Propose, TimeSpan.Zero));

        output.Broadcasts.Should().BeEmpty();
        engine.Step.Should().Be(RoundStep.Propose);
    }

    private static ConsensusEngine Restarted(int index, SigningGuard before) =>
        new(Validators.Set, Validators.Id(index), Validators.Keys[index], new HarnessApplication(TestValidators.Seed, 4, index),
            new ConsensusOptions(), TestValidators.Genesis, ImmutableArray<ConsensusBlock>.Empty, new SigningGuard(before.Last, before.Lock));

    [Fact]
    public void A_validator_restarted_after_prevoting_never_prevotes_another_block_in_that_round()
    {
        var self = NotProposerOf(0);
        var engine = Validators.Engine(self);
        engine.Start();
        var first = engine.Receive(ProposalBy(ProposerOf(0), 0)).Broadcasts.OfType<Vote>().Single();

        // The proposer equivocates while the validator is down; the restarted one hears the other block first.
        var restarted = Restarted(self, engine.Guard);
        restarted.Start();
        var output = restarted.Receive(ProposalBy(ProposerOf(0), 0, nonce: 2));

        output.Broadcasts.OfType<Vote>().Should().BeEmpty("its prevote of round 0 is already signed");
        var again = Restarted(self, engine.Guard);
        again.Start();
        again.Receive(ProposalBy(ProposerOf(0), 0)).Broadcasts.OfType<Vote>().Single().Id
            .Should().Be(first.Id, "the same vote may be signed again: it is the same message");
    }

    [Fact]
    public void A_validator_restarted_after_precommitting_keeps_its_lock_and_prevotes_nil_for_another_block()
    {
        var (self, engine, locked) = LockedInRoundZero();

        engine.LockedBlock.Should().Be(locked.Block.Hash);
        engine.Guard.Lock.Should().Be(new SigningLock(1, 0, locked.Block.Hash));

        var restarted = Restarted(self, engine.Guard);
        restarted.Start();
        restarted.LockedBlock.Should().BeNull("the engine itself forgot the lock");
        restarted.OnTimeout(new TimeoutRequest(1, 0, TimeoutKind.Precommit, TimeSpan.Zero));
        restarted.Round.Should().Be(1);
        var output = restarted.Receive(ProposalBy(ProposerOf(1), 1, nonce: 99));

        output.Broadcasts.OfType<Vote>().Single().BlockId.Should().BeNull("the guard remembers the lock across the restart");
        var amnesic = Validators.Engine(self);
        amnesic.Start();
        amnesic.OnTimeout(new TimeoutRequest(1, 0, TimeoutKind.Propose, TimeSpan.Zero));
        amnesic.OnTimeout(new TimeoutRequest(1, 0, TimeoutKind.Prevote, TimeSpan.Zero));
        amnesic.OnTimeout(new TimeoutRequest(1, 0, TimeoutKind.Precommit, TimeSpan.Zero));
        amnesic.Receive(ProposalBy(ProposerOf(1), 1, nonce: 99)).Broadcasts.OfType<Vote>().Single().BlockId
            .Should().NotBeNull("without the guard the same engine would prevote the other block");
    }
}
