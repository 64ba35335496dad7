using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Tests.Support;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Tests.Certificates;

/// <summary>
/// Anchor blocks committed by their substation's validator set (POEF.md §9.1): the commit evidence
/// checked offline, and the audit of a store that holds good and bad certificates.
/// </summary>
public class AnchorCommitVerifierTests
{
    private static readonly TestValidators Validators = new(4);
    private static readonly DeviceId Substation = Validators.Set.Chain;
    private static readonly SigningKeyPair SubstationKey = SigningKeyPair.Derive("poef-tests"u8, "substation-7");
    private static readonly SigningKeyPair Outsider = SigningKeyPair.Derive("poef-tests"u8, "outsider");
    private static readonly DateTimeOffset Sealed = new(2025, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly AnchorCommitVerifier Verifier = new([Validators.Set]);

    private static AnchorBlock Proposal(ulong sequence, Hash256 previous, params Anchor[] anchors) => AnchorBlock.Create(
        DeviceRole.Substation, Substation, sequence, 1, previous, Sealed.AddMinutes(sequence), anchors, [], SubstationKey, commit: CommitScheme.CommitCertificate);

    private static ConsensusBlock ConsensusOver(ulong height, ReadOnlySpan<byte> payload) =>
        ConsensusBlock.Create(Validators.Set.Id, height, TestValidators.Genesis, [], [], [], [], payload);

    private static CommitSignature Precommit(ConsensusBlock block, int index, SigningKeyPair? key = null) =>
        new(index, Vote.Create(Validators.Set.Id, block.Height, 0, VoteType.Precommit, block.Hash, Validators.Id(index), key ?? Validators.Keys[index]).Signature);

    private static CommitCertificate Certify(ConsensusBlock block, params CommitSignature[] signatures) =>
        CommitCertificate.Create(Validators.Set.Id, block.Height, 0, block.Hash, signatures);

    private static CommitCertificate Quorum(ConsensusBlock block) => Certify(block, Precommit(block, 0), Precommit(block, 1), Precommit(block, 3));

    /// <summary>The proposal's body committed at <paramref name="height"/>, proven by the certificate <paramref name="certify"/> makes.</summary>
    private static AnchorBlock Committed(AnchorBlock proposal, ulong height, Func<ConsensusBlock, CommitCertificate>? certify = null)
    {
        var consensus = ConsensusOver(height, proposal.Body.Span);
        return proposal.WithEvidence(AnchorCommitVerifier.Evidence(consensus, (certify ?? Quorum)(consensus)));
    }

    private static Anchor ConcentratorAnchor(int i) =>
        new(DeviceRole.Concentrator, Validators.Id(i), (ulong)(10 + i), Hash256.Compute([(byte)i]));

    [Fact]
    public void A_quorum_of_the_sets_precommits_over_the_blocks_body_proves_the_commit()
    {
        var block = Committed(Proposal(4, Hash256.Compute([4]), ConcentratorAnchor(0), ConcentratorAnchor(2)), 5);

        var decoded = AnchorBlock.Decode(block.Encoded.Span);

        Validators.Set.Quorum.Should().Be(3, "n = 4 tolerates f = 1");
        Verifier.Verify(decoded, 4).Should().BeNull();
        decoded.Evidence!.SetId.Should().Be(Validators.Set.Id);
        decoded.Evidence.Height.Should().Be(5);
        CommitCertificate.Decode(decoded.Evidence.Certificate.Span).BlockId.Should().Be(ConsensusBlock.Decode(decoded.Evidence.ConsensusHeader.Span).Hash);
        ConsensusBlock.Decode(decoded.Evidence.ConsensusHeader.Span).PayloadHash.Should().Be(Hash256.Compute(block.Body.Span));
    }

    [Fact]
    public void Once_a_new_set_took_the_chain_over_a_block_certified_by_the_set_it_replaced_is_a_defect()
    {
        // Epoch 1: validator 3 voted out (POEF.md §11.1).
        var successor = new ValidatorSet(Substation, Validators.Set.Members.Where(m => m.Id != Validators.Id(3)));
        AnchorBlock By(ValidatorSet set, AnchorBlock proposal, ulong height)
        {
            var consensus = ConsensusBlock.Create(set.Id, height, TestValidators.Genesis, [], [], [], [], proposal.Body.Span);
            var signatures = set.Members.Select((m, i) => new CommitSignature(i, Vote.Create(set.Id, height, 0, VoteType.Precommit, consensus.Hash, m.Id, Validators.Keys[Validators.Set.IndexOf(m.Id)]).Signature)).ToArray();
            return proposal.WithEvidence(AnchorCommitVerifier.Evidence(consensus, CommitCertificate.Create(set.Id, height, 0, consensus.Hash, signatures)));
        }

        var first = By(Validators.Set, Proposal(0, Hash256.Zero), 1);
        var second = By(successor, Proposal(1, first.Hash), 1);
        var third = By(Validators.Set, Proposal(2, second.Hash), 2);
        var verifier = new AnchorCommitVerifier([Validators.Set, successor]);

        verifier.Verify(first, 0).Should().BeNull();
        verifier.Verify(second, 1).Should().BeNull("the successor took over");
        var defect = verifier.Verify(third, 2);
        defect.Should().NotBeNull("the replaced set, with its revoked member, certifies nothing after the successor took over");
        defect!.Kind.Should().Be(DefectKind.CommitCertificateInvalid);
        defect.Message.Should().Contain("(epoch 0) after set").And.Contain("(epoch 1)");
        new AnchorCommitVerifier([Validators.Set, successor]).Verify(third, 2).Should().BeNull("on its own the certificate proves the commit: the order is what is wrong");
    }

    [Fact]
    public void The_evidence_pins_the_consensus_records_in_its_documented_frame()
    {
        var block = Committed(Proposal(4, Hash256.Compute([4])), 5);
        var consensus = ConsensusOver(5, block.Body.Span);
        var evidence = block.Encoded[block.Body.Length..].ToArray();

        Convert.ToHexStringLower(evidence[..2]).Should().Be("1801");
        evidence[2..34].Should().Equal(Validators.Set.Id.ToArray());
        Convert.ToHexStringLower(evidence[34..42]).Should().Be("0500000000000000");
        var headerLength = consensus.Encoded.Length;
        headerLength.Should().BeLessThan(128, "a one-byte length prefix here");
        evidence[42].Should().Be((byte)headerLength);
        evidence[43..(43 + headerLength)].Should().Equal(consensus.Encoded.ToArray());
        var certificate = evidence[(43 + headerLength + 2)..];
        Convert.ToHexStringLower(evidence[(43 + headerLength)..(43 + headerLength + 2)]).Should().Be("9202", "79 + 3 × 65 = 274 bytes, as a varint");
        certificate.Should().Equal(Quorum(consensus).Encoded.ToArray());
        Convert.ToHexStringLower(certificate[..2]).Should().Be("2301");
    }

    [Fact]
    public void Every_single_byte_change_of_the_evidence_fails_to_decode_or_to_verify()
    {
        var block = Committed(Proposal(4, Hash256.Compute([4]), ConcentratorAnchor(1)), 5);
        var valid = block.Encoded.ToArray();
        var undetected = new List<string>();
        var tried = 0;

        foreach (var mask in new byte[] { 0x01, 0x80 })
        {
            for (var i = block.Body.Length; i < valid.Length; i++)
            {
                var bytes = (byte[])valid.Clone();
                bytes[i] ^= mask;
                tried++;
                try
                {
                    if (Verifier.Verify(AnchorBlock.Decode(bytes), 4) is null)
                    {
                        undetected.Add($"byte {i} ^ 0x{mask:x2}");
                    }
                }
                catch (LedgerFormatException)
                {
                    // Refused as bytes: detected.
                }
            }
        }

        tried.Should().Be(2 * (valid.Length - block.Body.Length));
        undetected.Should().BeEmpty();
    }

    [Fact]
    public void Each_way_a_certificate_can_fail_is_its_own_finding()
    {
        var proposal = Proposal(4, Hash256.Compute([4]));
        var other = ConsensusOver(5, "another payload"u8);
        var otherSet = new ValidatorSet(DeviceId.Parse("substation-8"), Validators.Set.Members);

        Kind(Committed(proposal, 5, b => Certify(b, Precommit(b, 0), Precommit(b, 2)))).Should().Be(DefectKind.CommitCertificateTooFewSignatures);
        Kind(Committed(proposal, 5, b => Certify(b, Precommit(b, 0), Precommit(b, 1), Precommit(b, 2), new CommitSignature(5, Precommit(b, 3).Signature))))
            .Should().Be(DefectKind.CommitCertificateInvalid, "index 5 is not a member of a set of 4");
        Kind(Committed(proposal, 5, b => Certify(b, Precommit(b, 0), Precommit(b, 1), Precommit(b, 2, Outsider))))
            .Should().Be(DefectKind.CommitCertificateInvalid, "an outsider signed in a member's place");
        Kind(Committed(proposal, 5, _ => Quorum(other))).Should().Be(DefectKind.CommitCertificateWrongBlock, "a valid certificate of another consensus block");
        Kind(proposal.WithEvidence(AnchorCommitVerifier.Evidence(other, Quorum(other)))).Should().Be(DefectKind.CommitCertificateWrongBlock, "a consensus block over another payload");
        Kind(proposal.WithEvidence(CommitEvidence.Create(otherSet.Id, 5, ConsensusOver(5, proposal.Body.Span).Encoded.Span, [0x23, 0x01])))
            .Should().Be(DefectKind.CommitCertificateUnverifiable, "the audit does not know that set");
        new AnchorCommitVerifier([otherSet]).Verify(Committed(proposal, 5), 4)!.Kind.Should().Be(DefectKind.CommitCertificateUnverifiable);
        new AnchorCommitVerifier([otherSet, Validators.Set]).Verify(Committed(proposal, 5), 4).Should().BeNull();
        Kind(proposal).Should().Be(DefectKind.CommitCertificateInvalid, "a proposal carries no evidence");

        static DefectKind? Kind(AnchorBlock block) => Verifier.Verify(block, 4)?.Kind;
    }

    [Fact]
    public void A_set_committing_another_chain_does_not_prove_this_one()
    {
        var otherSet = new ValidatorSet(DeviceId.Parse("substation-8"), Validators.Set.Members);
        var proposal = Proposal(4, Hash256.Compute([4]));
        var consensus = ConsensusBlock.Create(otherSet.Id, 5, TestValidators.Genesis, [], [], [], [], proposal.Body.Span);
        var votes = Enumerable.Range(0, 3).Select(i => Vote.Create(otherSet.Id, 5, 0, VoteType.Precommit, consensus.Hash, Validators.Id(i), Validators.Keys[i]));
        var block = proposal.WithEvidence(AnchorCommitVerifier.Evidence(consensus, CommitCertificate.FromPrecommits(otherSet, votes)));

        var defect = new AnchorCommitVerifier([otherSet]).Verify(block, 4);

        defect!.Kind.Should().Be(DefectKind.CommitCertificateInvalid);
        defect.Message.Should().Contain("substation-8").And.Contain("substation-7");
    }

    [Fact]
    public async Task The_audit_locates_every_bad_certificate_by_tier_node_and_height()
    {
        var store = new InMemoryLedgerStore();
        var root = new CertificateAuthority(DeviceId.Parse("utility-root"), SigningKeyPair.Derive("poef-tests"u8, "root"));
        await store.PutCertificateAsync(root.Issue(Substation, DeviceRole.Substation, SubstationKey.PublicKey, Sealed.AddYears(-1), Sealed.AddYears(5), 1));
        var chain = new ChainId(DeviceRole.Substation, Substation);
        var certificates = new Func<ConsensusBlock, CommitCertificate>[]
        {
            Quorum,
            b => Certify(b, Precommit(b, 0), Precommit(b, 1)),
            b => Certify(b, Precommit(b, 0), Precommit(b, 1), new CommitSignature(4, Precommit(b, 2).Signature)),
            _ => Quorum(ConsensusOver(99, "another block"u8)),
            b => Certify(b, Precommit(b, 0), Precommit(b, 1), Precommit(b, 2), Precommit(b, 3)),
        };
        var head = ChainHead.Genesis;
        for (var i = 0; i < certificates.Length; i++)
        {
            var block = Committed(Proposal((ulong)head.Height, head.Hash), (ulong)i + 1, certificates[i]);
            await store.AppendAsync(chain, head.Height, block.Encoded);
            head = head.Advance(block);
        }

        var report = await new LedgerAuditor(store, store, root.PublicKey, commits: Verifier).AuditAsync();

        report.Blocks.Should().Be(5, "every block is authentic: the node's signature holds, only the commit proofs differ");
        report.DefectiveChains.SelectMany(c => c.Report.Defects.Select(d => (c.Chain.ToString(), d.Height, d.Kind))).Should().Equal(
            ("substation/substation-7", 1L, DefectKind.CommitCertificateTooFewSignatures),
            ("substation/substation-7", 2L, DefectKind.CommitCertificateInvalid),
            ("substation/substation-7", 3L, DefectKind.CommitCertificateWrongBlock));
        report.DefectiveChains[0].Report.Defects[0].Message.Should().Contain("needs 3");
    }
}
