using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Tests.Support;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Tests.Certificates;

public class CommitCertificateTests
{
    private static readonly TestValidators Validators = new(7);
    private static readonly Hash256 Block = Hash256.Compute("block"u8);

    private static Vote Precommit(int index, Hash256? block = null, VoteType type = VoteType.Precommit, int round = 2) =>
        Vote.Create(Validators.Set.Id, 9, round, type, block ?? Block, Validators.Id(index), Validators.Keys[index]);

    private static CommitCertificate Of(params int[] signers) =>
        CommitCertificate.FromPrecommits(Validators.Set, signers.Select(i => Precommit(i)));

    [Fact]
    public void A_quorum_of_precommits_proves_the_commit_and_survives_encoding()
    {
        var certificate = Of(6, 0, 3, 1, 2);

        var decoded = CommitCertificate.Decode(certificate.Encoded.Span);

        Validators.Set.Quorum.Should().Be(5, "n = 7 tolerates f = 2, so 2f+1 = 5");
        certificate.Check(Validators.Set).Should().Be(CertificateDefect.None);
        decoded.Check(Validators.Set).Should().Be(CertificateDefect.None);
        decoded.Signatures.Select(s => s.ValidatorIndex).Should().Equal(0, 1, 2, 3, 6);
        decoded.Encoded.ToArray().Should().Equal(certificate.Encoded.ToArray());
        (decoded.Height, decoded.Round, decoded.BlockId).Should().Be((9UL, 2, Block));
    }

    [Fact]
    public void The_layout_is_the_documented_one()
    {
        var bytes = Of(0, 1, 2, 3, 4).Encoded.ToArray();

        Convert.ToHexStringLower(bytes[..2]).Should().Be("2301");
        bytes[2..34].Should().Equal(Validators.Set.Id.ToArray());
        BitConverter.ToUInt64(bytes, 34).Should().Be(9);
        BitConverter.ToUInt32(bytes, 42).Should().Be(2);
        bytes[46..78].Should().Equal(Block.ToArray());
        bytes[78].Should().Be(5, "five signatures");
        bytes[79].Should().Be(0, "the first is validator 0's");
        bytes.Length.Should().Be(79 + (5 * 65));
    }

    [Fact]
    public void Fewer_than_a_quorum_of_distinct_validators_prove_nothing()
    {
        var four = Of(0, 1, 2, 3);
        var repeated = CommitCertificate.FromPrecommits(Validators.Set, [Precommit(0), Precommit(0), Precommit(1), Precommit(2), Precommit(3)]);

        four.Check(Validators.Set).Should().Be(CertificateDefect.TooFewSignatures);
        repeated.Signatures.Should().HaveCount(4, "a validator counts once");
        repeated.Check(Validators.Set).Should().Be(CertificateDefect.TooFewSignatures);
    }

    [Fact]
    public void A_prevote_signature_or_another_round_does_not_pass_for_a_precommit()
    {
        var certificate = Of(0, 1, 2, 3, 4);
        var signatures = certificate.Signatures.SetItem(2, new CommitSignature(2, Precommit(2, type: VoteType.Prevote).Signature));
        var otherRound = certificate.Signatures.SetItem(3, new CommitSignature(3, Precommit(3, round: 1).Signature));

        CommitCertificate.Create(certificate.SetId, 9, 2, Block, signatures).Check(Validators.Set).Should().Be(CertificateDefect.BadSignature);
        CommitCertificate.Create(certificate.SetId, 9, 2, Block, otherRound).Check(Validators.Set).Should().Be(CertificateDefect.BadSignature);
        CommitCertificate.Create(certificate.SetId, 9, 3, Block, certificate.Signatures).Check(Validators.Set).Should().Be(CertificateDefect.BadSignature);
    }

    [Fact]
    public void Another_validator_set_or_another_block_is_refused()
    {
        var certificate = Of(0, 1, 2, 3, 4);
        var otherChain = new ValidatorSet(DeviceId.Parse("substation-8"), Validators.Set.Members);
        var other = Hash256.Compute("other"u8);

        certificate.Check(otherChain).Should().Be(CertificateDefect.WrongValidatorSet);
        CommitCertificate.Create(certificate.SetId, 9, 2, Block, [.. certificate.Signatures, new CommitSignature(7, certificate.Signatures[0].Signature)])
            .Check(Validators.Set).Should().Be(CertificateDefect.UnknownValidator);
        CommitCertificate.Create(certificate.SetId, 9, 2, other, certificate.Signatures).Check(Validators.Set).Should().Be(CertificateDefect.BadSignature);
    }

    [Fact]
    public void Decoding_refuses_unsorted_signers_and_trailing_bytes()
    {
        var bytes = Of(0, 1, 2, 3, 4).Encoded.ToArray();
        var swapped = (byte[])bytes.Clone();
        swapped[79] = 1;

        FluentActions.Invoking(() => CommitCertificate.Decode(swapped)).Should().Throw<LedgerFormatException>().WithMessage("*does not follow*");
        FluentActions.Invoking(() => CommitCertificate.Decode([.. bytes, 0])).Should().Throw<LedgerFormatException>().WithMessage("*trailing*");
    }
}
