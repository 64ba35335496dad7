using System.Collections.Immutable;
using SmartGrid.Consensus.Applications;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Tests.Support;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Tests.Applications;

public class AnchorChainApplicationTests
{
    private static readonly TestValidators Validators = new(4);
    private static readonly SigningKeyPair NodeKey = SigningKeyPair.Derive("poef-tests"u8, "substation-7");
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static AnchorChainApplication Application() => new(Validators.Set, header => header.VerifySignature(NodeKey.PublicKey));

    private static Anchor Head(int validator, ulong sequence) =>
        new(DeviceRole.Concentrator, Validators.Id(validator), sequence, Hash256.Compute([(byte)validator, (byte)sequence]));

    /// <summary>The substation's block <paramref name="sequence"/> as it proposes it (commit scheme 1, signed by its key).</summary>
    private static AnchorBlock Body(ulong sequence, Hash256 previous, IEnumerable<Anchor> anchors, SigningKeyPair? key = null, string node = "substation-7", CommitScheme commit = CommitScheme.CommitCertificate) =>
        AnchorBlock.Create(DeviceRole.Substation, DeviceId.Parse(node), sequence, 1, previous, Start.AddHours(sequence), anchors, [], key ?? NodeKey, commit: commit);

    private static ConsensusBlock BlockOf(ReadOnlyMemory<byte> payload, ImmutableArray<EfficiencyObservation>? observations = null, ImmutableArray<Reward> rewards = default) =>
        ConsensusBlock.Create(Validators.Set.Id, 1, TestValidators.Genesis, EfficiencyTable.Uniform(4).Scores,
            observations ?? [.. Enumerable.Repeat(AnchorChainApplication.NeutralObservation, 4)], rewards.IsDefault ? [] : rewards, [], payload.Span);

    [Fact]
    public void The_offered_body_of_the_chains_next_block_is_what_a_drawn_validator_proposes()
    {
        var application = Application();
        application.ReadyToPropose(1).Should().BeFalse("nothing was offered");
        var body = Body(0, Hash256.Zero, [Head(1, 5), Head(0, 2)]);

        application.Offer(body.Body.Span).Should().BeNull();
        var content = application.BuildBlock(1, TestValidators.Genesis);

        application.ReadyToPropose(1).Should().BeTrue();
        content.Payload.ToArray().Should().Equal(body.Body.ToArray(), "the payload is the anchor block body, byte for byte");
        AnchorBlock.DecodeBody(content.Payload.Span).Anchors.Should().Equal(Head(0, 2), Head(1, 5));
        content.Observations.Should().HaveCount(4).And.OnlyContain(o => o == AnchorChainApplication.NeutralObservation);
        content.Rewards.Should().BeEmpty();
        application.IsValid(BlockOf(content.Payload), content.Payload.Span).Should().BeTrue();
    }

    [Fact]
    public void A_host_that_requires_stored_anchors_gets_a_body_valid_only_once_it_found_them()
    {
        var application = new AnchorChainApplication(Validators.Set, header => header.VerifySignature(NodeKey.PublicKey), requireStoredAnchors: true);
        var body = Body(0, Hash256.Zero, [Head(1, 5), Head(0, 2)]);
        var empty = Body(0, Hash256.Zero, []);

        application.Offer(body.Body.Span).Should().Contain("not found in the children's stored chains");
        application.IsValid(BlockOf(body.Body), body.Body.Span).Should().BeFalse();
        application.AnchorsStored(body.Hash).Should().BeFalse();
        application.Offer(empty.Body.Span).Should().BeNull("a block without anchors names no stored block");

        application.MarkAnchorsStored(body.Header);

        application.AnchorsStored(body.Hash).Should().BeTrue();
        application.IsValid(BlockOf(body.Body), body.Body.Span).Should().BeTrue("the verdict given before the host's check is not kept");
        application.Offer(body.Body.Span).Should().BeNull();

        application.OnCommitted(BlockOf(body.Body), body.Body.Span);

        application.AnchorsStored(body.Hash).Should().BeFalse("a mark is dropped once its block is committed");
    }

    [Fact]
    public void A_host_that_observes_the_areas_gets_blocks_valid_only_with_exactly_its_observations_and_proposes_them()
    {
        var application = new AnchorChainApplication(Validators.Set, header => header.VerifySignature(NodeKey.PublicKey), requireStoredAnchors: false, requireObservations: true);
        var body = Body(0, Hash256.Zero, [Head(1, 5), Head(0, 2)]);
        ImmutableArray<EfficiencyObservation> observed = [new(120, 310, 9_800), new(40, 290, 10_000), AreaObservations.Absent, AreaObservations.Absent];

        application.Offer(body.Body.Span).Should().Contain("observations of block 0 were not computed");
        application.ReadyToPropose(1).Should().BeFalse();
        application.IsValid(BlockOf(body.Body, observed), body.Body.Span).Should().BeFalse("the host has not observed the areas yet");
        FluentActions.Invoking(() => application.MarkObserved(body.Header, [.. observed.Take(3)])).Should().Throw<ArgumentException>().WithMessage("*3 observations for a set of 4*");
        FluentActions.Invoking(() => application.MarkObserved(body.Header, [.. observed.Take(3), new(0, 0, 10_001)])).Should().Throw<ArgumentException>().WithMessage("*completeness 10001 bp exceeds 10000*");

        ImmutableArray<Reward> rewards = [new(DeviceId.Parse("MTR-7"), 700), new(DeviceId.Parse("MTR-2"), 300)];
        application.MarkObserved(body.Header, observed, rewards);

        application.Observed(body.Hash).Should().BeTrue();
        application.Offer(body.Body.Span).Should().BeNull();
        var content = application.BuildBlock(1, TestValidators.Genesis);
        content.Observations.Should().Equal(observed, "the proposer carries the host's observations");
        content.Rewards.Should().Equal(rewards, "and its rewards");
        application.IsValid(BlockOf(body.Body, observed, rewards), body.Body.Span).Should().BeTrue("the verdict given before the observations is not kept");
        application.IsValid(BlockOf(body.Body, rewards: rewards), body.Body.Span).Should().BeFalse("a block claiming neutral observations lies about the areas");
        application.IsValid(BlockOf(body.Body, observed.SetItem(2, new(0, 0, 10_000)), rewards), body.Body.Span).Should().BeFalse("one absent area claimed perfect");
        application.IsValid(BlockOf(body.Body, observed), body.Body.Span).Should().BeFalse("the households' rewards withheld");
        application.IsValid(BlockOf(body.Body, observed, [new(DeviceId.Parse("MTR-7"), 1_000)]), body.Body.Span).Should().BeFalse("another split of the budget");

        application.OnCommitted(BlockOf(body.Body, observed, rewards), body.Body.Span);

        application.Observed(body.Hash).Should().BeFalse("the observations are dropped once their block is committed");
    }

    [Fact]
    public void A_host_whose_reading_differs_from_a_certified_block_takes_the_certified_content_and_then_accepts_it()
    {
        // The validator grain's TakeCertifiedContent: a validator whose store showed another
        // window (POEF §4.1, divergent reads) votes against the quorum's block; once a certificate
        // proves the block committed, the host marks the block's own observations and rewards,
        // and the application accepts what it refused, without a verdict left over from before.
        var application = new AnchorChainApplication(Validators.Set, header => header.VerifySignature(NodeKey.PublicKey), requireStoredAnchors: false, requireObservations: true);
        var body = Body(0, Hash256.Zero, [Head(1, 5), Head(0, 2)]);
        ImmutableArray<EfficiencyObservation> mine = [new(130, 310, 9_500), new(40, 290, 10_000), AreaObservations.Absent, AreaObservations.Absent];
        ImmutableArray<EfficiencyObservation> certified = mine.SetItem(0, new(120, 310, 9_800));
        ImmutableArray<Reward> rewards = [new(DeviceId.Parse("MTR-7"), 1_000)];
        var committed = BlockOf(body.Body, certified, rewards);
        application.MarkObserved(body.Header, mine, rewards);
        application.Offer(body.Body.Span).Should().BeNull();

        application.IsValid(committed, body.Body.Span).Should().BeFalse("its own reading of area 0 differs");
        application.Carries(body.Hash, committed).Should().BeFalse();

        application.MarkObserved(body.Header, committed.Observations, committed.Rewards);

        application.Carries(body.Hash, committed).Should().BeTrue();
        application.IsValid(committed, body.Body.Span).Should().BeTrue("the refusal given before is not kept");
        application.BuildBlock(1, TestValidators.Genesis).Observations.Should().Equal(certified, "a later proposal of its own carries the certified reading");
        application.OnCommitted(committed, body.Body.Span);
        application.Observed(body.Hash).Should().BeFalse();
    }

    [Fact]
    public void Bodies_of_another_chain_not_signed_by_its_node_anchoring_outsiders_or_sealed_alone_are_refused()
    {
        var application = Application();

        application.Offer(Body(0, Hash256.Zero, [Head(1, 5)], node: "substation-8").Body.Span).Should().Contain("not a block of substation-7");
        application.Offer(Body(0, Hash256.Zero, [Head(1, 5)], key: SigningKeyPair.Derive("poef-tests"u8, "thief")).Body.Span).Should().Contain("not signed");
        application.Offer(Body(0, Hash256.Zero, [new Anchor(DeviceRole.Concentrator, DeviceId.Parse("dc-99"), 1, Hash256.Compute("x"u8))]).Body.Span).Should().Contain("not a validator");
        application.Offer(Body(0, Hash256.Zero, [Head(1, 5)], commit: CommitScheme.SignerAlone).Encoded.Span).Should().Contain("does not decode");
        application.Offer(ReadOnlySpan<byte>.Empty).Should().Contain("does not decode");
        application.ReadyToPropose(1).Should().BeFalse();
        application.IsValid(BlockOf(ReadOnlyMemory<byte>.Empty), []).Should().BeFalse("an empty payload is no block");
    }

    [Fact]
    public void After_a_commit_only_the_next_linked_block_with_newer_heads_is_valid()
    {
        var application = Application();
        var first = Body(0, Hash256.Zero, [Head(1, 5)]);
        application.Offer(first.Body.Span);

        application.OnCommitted(BlockOf(first.Body), first.Body.Span);

        application.ReadyToPropose(2).Should().BeFalse("the committed offer is spent");
        application.LastCommitted!.Hash.Should().Be(first.Hash);
        application.CommittedSequence(Validators.Id(1)).Should().Be(5);
        application.IsValid(BlockOf(first.Body), first.Body.Span).Should().BeFalse("the block is committed already");
        var next = Body(1, first.Hash, [Head(1, 6), Head(2, 1)]).Body;
        application.IsValid(BlockOf(next), next.Span).Should().BeTrue();
        application.IsValid(BlockOf(next, [.. Enumerable.Repeat(new EfficiencyObservation(10, 0, 10_000), 4)]), next.Span).Should().BeFalse("observations are the neutral ones");
        var repeated = Body(1, first.Hash, [Head(1, 5)]).Body;
        application.IsValid(BlockOf(repeated), repeated.Span).Should().BeFalse("the head is already committed");
        var unlinked = Body(1, Hash256.Compute("elsewhere"u8), [Head(1, 6)]).Body;
        application.IsValid(BlockOf(unlinked), unlinked.Span).Should().BeFalse("it does not link to the committed block");
        var skipping = Body(2, first.Hash, [Head(1, 6)]).Body;
        application.IsValid(BlockOf(skipping), skipping.Span).Should().BeFalse("it skips a sequence");
    }

    [Fact]
    public void Bodies_offered_ahead_are_proposed_in_turn_and_their_link_is_judged_when_it_comes()
    {
        var application = Application();
        var first = Body(0, Hash256.Zero, [Head(1, 5)]);
        var second = Body(1, first.Hash, [Head(1, 6)]);
        var stray = Body(1, Hash256.Compute("elsewhere"u8), [Head(0, 1)]);
        application.Offer(second.Body.Span).Should().BeNull("a later body waits for its turn");
        application.Offer(first.Body.Span).Should().BeNull();

        application.BuildBlock(1, TestValidators.Genesis).Payload.ToArray().Should().Equal(first.Body.ToArray());
        application.OnCommitted(BlockOf(first.Body), first.Body.Span);

        application.Offered.Should().Be(1);
        application.BuildBlock(2, TestValidators.Genesis).Payload.ToArray().Should().Equal(second.Body.ToArray());
        application.Offer(stray.Body.Span).Should().Contain("does not follow", "the next block's link is checked at once");
    }

    [Fact]
    public void A_drawn_validator_with_nothing_to_propose_holds_back_until_the_body_arrives()
    {
        var single = new ValidatorSet(DeviceId.Parse("substation-7"), [new Validator(Validators.Id(0), Validators.Keys[0].PublicKey)]);
        var application = new AnchorChainApplication(single, header => header.VerifySignature(NodeKey.PublicKey));
        var engine = new ConsensusEngine(single, Validators.Id(0), Validators.Keys[0], application, new ConsensusOptions(), TestValidators.Genesis);

        var started = engine.Start();
        started.Broadcasts.Should().BeEmpty("the only validator is drawn but holds no body");
        engine.ProposeIfDrawn().Decisions.Should().BeEmpty();

        var body = Body(0, Hash256.Zero, [Head(0, 1)]);
        application.Offer(body.Body.Span).Should().BeNull();
        var proposed = engine.ProposeIfDrawn();

        proposed.Decisions.Should().ContainSingle().Which.Payload.ToArray().Should().Equal(body.Body.ToArray());
        engine.ProposeIfDrawn().Broadcasts.Should().BeEmpty("height 2 has no body yet");
    }

    [Fact]
    public void A_validator_set_decodes_from_its_canonical_bytes_to_the_same_id()
    {
        var decoded = ValidatorSet.Decode(Validators.Set.Encoded.Span);

        decoded.Id.Should().Be(Validators.Set.Id);
        decoded.Members.Should().Equal(Validators.Set.Members);
        FluentActions.Invoking(() => ValidatorSet.Decode([.. Validators.Set.Encoded.ToArray(), 0])).Should().Throw<LedgerFormatException>();
    }
}
