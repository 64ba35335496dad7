using System.Collections.Immutable;
using SmartGrid.Consensus.Applications;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Tests.Support;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Tests.Applications;

public class SubstationApplicationTests
{
    private static readonly TestValidators Validators = new(4);

    private static Anchor Head(int validator, ulong sequence) =>
        new(DeviceRole.Concentrator, Validators.Id(validator), sequence, Hash256.Compute([(byte)validator, (byte)sequence]));

    private static ConsensusBlock BlockOf(byte[] payload, ImmutableArray<EfficiencyObservation>? observations = null) =>
        ConsensusBlock.Create(Validators.Set.Id, 1, TestValidators.Genesis, EfficiencyTable.Uniform(4).Scores,
            observations ?? [.. Enumerable.Repeat(SubstationApplication.NeutralObservation, 4)], [], [], payload);

    [Fact]
    public void An_anchor_set_round_trips_and_only_its_canonical_bytes_decode()
    {
        var anchors = new[] { Head(0, 3), Head(2, 1) };
        var bytes = AnchorSet.Encode(anchors);

        AnchorSet.Decode(bytes).Should().Equal(anchors);
        bytes[0].Should().Be(0x28);
        FluentActions.Invoking(() => AnchorSet.Encode([Head(2, 1), Head(0, 3)])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => AnchorSet.Decode([.. bytes, 0])).Should().Throw<LedgerFormatException>();
        var swapped = AnchorSet.Encode([Head(0, 3)]).Concat(AnchorSet.Encode([Head(2, 1)]).Skip(3)).ToArray();
        swapped[2] = 2;
        AnchorSet.Decode(swapped).Should().HaveCount(2, "a hand-built set in order decodes");
        var reversed = AnchorSet.Encode([Head(2, 1)]).Concat(AnchorSet.Encode([Head(0, 3)]).Skip(3)).ToArray();
        reversed[2] = 2;
        FluentActions.Invoking(() => AnchorSet.Decode(reversed)).Should().Throw<LedgerFormatException>().WithMessage("*out of order*");
    }

    [Fact]
    public void Only_newer_heads_of_member_concentrators_are_offered_and_built_into_a_block()
    {
        var application = new SubstationApplication(Validators.Set);

        application.Offer(Head(1, 5)).Should().BeTrue();
        application.Offer(Head(1, 4)).Should().BeFalse("an older head than one offered");
        application.Offer(Head(0, 2)).Should().BeTrue();
        application.Offer(new Anchor(DeviceRole.Concentrator, DeviceId.Parse("dc-99"), 1, Hash256.Compute("x"u8))).Should().BeFalse("not a validator");
        application.Offer(new Anchor(DeviceRole.Meter, Validators.Id(2), 1, Hash256.Compute("x"u8))).Should().BeFalse("not a concentrator chain");

        var content = application.BuildBlock(1, TestValidators.Genesis);

        AnchorSet.Decode(content.Payload.Span).Should().Equal(Head(0, 2), Head(1, 5));
        content.Observations.Should().HaveCount(4).And.OnlyContain(o => o == SubstationApplication.NeutralObservation);
        content.Rewards.Should().BeEmpty();
    }

    [Fact]
    public void A_committed_head_is_no_longer_offered_and_a_block_repeating_it_is_invalid()
    {
        var application = new SubstationApplication(Validators.Set);
        application.Offer(Head(1, 5));
        var payload = AnchorSet.Encode([Head(1, 5)]);
        application.IsValid(BlockOf(payload), payload).Should().BeTrue();

        application.OnCommitted(BlockOf(payload), payload);

        application.Pending.Should().Be(0);
        application.CommittedSequence(Validators.Id(1)).Should().Be(5);
        application.IsValid(BlockOf(payload), payload).Should().BeFalse("the head is already committed");
        var next = AnchorSet.Encode([Head(1, 6)]);
        application.IsValid(BlockOf(next), next).Should().BeTrue();
        application.IsValid(BlockOf(next, [.. Enumerable.Repeat(new EfficiencyObservation(10, 0, 10_000), 4)]), next).Should().BeFalse("observations are the neutral ones");
        application.IsValid(BlockOf([0x28, 1, 5]), [0x28, 1, 5]).Should().BeFalse("a payload that does not decode");
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
