using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Tests.Simulation;
using SmartGrid.Consensus.Tests.Support;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Tests.Messages;

public class MessageEncodingTests
{
    private static readonly TestValidators Validators = new(4);

    private static ConsensusBlock Block(byte[] payload) => ConsensusBlock.Create(
        Validators.Set.Id, 3, TestValidators.Genesis, EfficiencyTable.Uniform(4).Scores,
        HarnessApplication.Observations(TestValidators.Seed, 3, 4), HarnessApplication.Rewards(TestValidators.Seed, 3), [], payload);

    [Fact]
    public void A_vote_signs_the_set_height_round_step_and_block_in_the_documented_layout()
    {
        var block = Hash256.Compute("b"u8);
        var vote = Vote.Create(Validators.Set.Id, 3, 1, VoteType.Prevote, block, Validators.Id(2), Validators.Keys[2]);
        var bytes = vote.Encode();

        Convert.ToHexStringLower(bytes[..2]).Should().Be("2201");
        bytes[2..34].Should().Equal(Validators.Set.Id.ToArray());
        BitConverter.ToUInt64(bytes, 34).Should().Be(3);
        BitConverter.ToUInt32(bytes, 42).Should().Be(1);
        bytes[46].Should().Be((byte)VoteType.Prevote);
        bytes[47].Should().Be(1, "not nil");
        bytes[48..80].Should().Equal(block.ToArray());
        System.Text.Encoding.ASCII.GetString(bytes, 81, bytes[80]).Should().Be("dc-2");
        bytes.Length.Should().Be(81 + 4 + 64);
        Validators.Keys[2].PublicKey.Verify(bytes[..^64], vote.Signature).Should().BeTrue();
    }

    [Fact]
    public void Votes_and_proposals_decode_to_the_same_message_and_keep_their_signature()
    {
        var nil = Vote.Create(Validators.Set.Id, 3, 0, VoteType.Precommit, null, Validators.Id(1), Validators.Keys[1]);
        var payload = HarnessApplication.Payload(true, 0, 3);
        var proposal = Proposal.Create(3, 2, 1, Block(payload), payload, Validators.Id(0), Validators.Keys[0]);

        var vote = (Vote)ConsensusMessage.DecodeAny(nil.Encode());
        var decoded = (Proposal)ConsensusMessage.DecodeAny(proposal.Encode());

        vote.BlockId.Should().BeNull();
        vote.Id.Should().Be(nil.Id);
        vote.IsSignedBy(Validators.Set).Should().BeTrue();
        decoded.Id.Should().Be(proposal.Id);
        decoded.PolRound.Should().Be(1);
        decoded.Block.Hash.Should().Be(proposal.Block.Hash);
        decoded.Payload!.Value.ToArray().Should().Equal(payload);
        decoded.IsSignedBy(Validators.Set).Should().BeTrue();
    }

    [Fact]
    public void A_vote_changed_in_any_signed_field_no_longer_verifies()
    {
        var vote = Vote.Create(Validators.Set.Id, 3, 1, VoteType.Prevote, Hash256.Compute("b"u8), Validators.Id(2), Validators.Keys[2]).Encode();

        foreach (var offset in new[] { 2, 34, 42, 46, 60, 81 })
        {
            var tampered = (byte[])vote.Clone();
            tampered[offset] ^= offset == 46 ? (byte)3 : (byte)1;
            var decoded = TryDecode(tampered);
            (decoded?.IsSignedBy(Validators.Set) ?? false).Should().BeFalse($"byte {offset} is signed");
        }
    }

    [Fact]
    public void A_proposal_whose_payload_is_not_the_one_its_block_names_is_refused()
    {
        var payload = HarnessApplication.Payload(true, 0, 3);
        var bytes = Proposal.Create(3, 0, -1, Block(payload), payload, Validators.Id(0), Validators.Keys[0]).Encode();
        bytes[^1] ^= 1;

        FluentActions.Invoking(() => Proposal.Decode(bytes)).Should().Throw<LedgerFormatException>().WithMessage("*payload*");
    }

    [Fact]
    public void Evidence_of_equivocation_is_the_same_bytes_whichever_vote_came_first()
    {
        var a = Vote.Create(Validators.Set.Id, 3, 1, VoteType.Precommit, Hash256.Compute("a"u8), Validators.Id(3), Validators.Keys[3]);
        var b = Vote.Create(Validators.Set.Id, 3, 1, VoteType.Precommit, null, Validators.Id(3), Validators.Keys[3]);

        var ab = Misbehaviour.ConflictingVotes(a, b);
        var ba = Misbehaviour.ConflictingVotes(b, a);
        var decoded = Misbehaviour.Decode(ab.Encoded.Span);

        ba.Encoded.ToArray().Should().Equal(ab.Encoded.ToArray());
        decoded.Key.Should().Be(new MisbehaviourKey(MisbehaviourKind.ConflictingVotes, Validators.Id(3), 3, 1, VoteType.Precommit));
        decoded.SignatureDefect(Validators.Set).Should().BeNull();
        FluentActions.Invoking(() => Misbehaviour.ConflictingVotes(a, a)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_block_header_round_trips_with_its_claim_observations_rewards_and_evidence()
    {
        var a = Vote.Create(Validators.Set.Id, 2, 0, VoteType.Prevote, Hash256.Compute("a"u8), Validators.Id(1), Validators.Keys[1]);
        var b = Vote.Create(Validators.Set.Id, 2, 0, VoteType.Prevote, null, Validators.Id(1), Validators.Keys[1]);
        var block = ConsensusBlock.Create(Validators.Set.Id, 3, TestValidators.Genesis, [1_000_000, 5, 999_999, 0],
            HarnessApplication.Observations(TestValidators.Seed, 3, 4), HarnessApplication.Rewards(TestValidators.Seed, 3),
            [Misbehaviour.ConflictingVotes(a, b)], "payload"u8);

        var decoded = ConsensusBlock.Decode(block.Encoded.Span);

        decoded.Hash.Should().Be(block.Hash);
        decoded.Claim.Should().Equal(1_000_000u, 5u, 999_999u, 0u);
        decoded.Observations.Should().Equal(block.Observations);
        decoded.Rewards.Should().Equal(block.Rewards);
        decoded.Evidence.Single().Key.Offender.Should().Be(Validators.Id(1));
        decoded.PayloadHash.Should().Be(Hash256.Compute("payload"u8));
        FluentActions.Invoking(() => ConsensusBlock.Create(Validators.Set.Id, 3, TestValidators.Genesis, [], [new EfficiencyObservation(0, 0, 10_001)], [], [], []))
            .Should().Throw<ArgumentException>().WithMessage("*completeness*");
        ImmutableArray<uint> empty = [];
        decoded.Claim.Should().NotEqual(empty);
    }

    private static Vote? TryDecode(byte[] bytes)
    {
        try
        {
            return Vote.Decode(bytes);
        }
        catch (LedgerFormatException)
        {
            return null;
        }
    }
}
