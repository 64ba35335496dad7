using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Tests.Tiers;

/// <summary>
/// The format of anchor blocks committed by a validator set (POEF.md §9.1): the commit evidence
/// after the anchors, opaque to the ledger. The cryptographic check is SmartGrid.Consensus's
/// (<c>AnchorCommitVerifierTests</c>); here the bytes, and what the auditor does with a verifier's answer.
/// </summary>
public class CommitEvidenceTests
{
    private static readonly DeviceId Substation = DeviceId.Parse("ss-1");
    private static readonly DateTimeOffset Sealed = new(2025, 3, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Set id bytes 0x00..0x1F, height 9, two stand-in consensus records.</summary>
    private static CommitEvidence PinnedEvidence { get; } = CommitEvidence.Create(PinnedRecords.Previous, 9, [0x20, 0x01, 0xAA], [0x23, 0x01, 0xBB]);

    private static Anchor ConcentratorAnchor(string id, ulong sequence) =>
        new(DeviceRole.Concentrator, DeviceId.Parse(id), sequence, Hash256.Compute(System.Text.Encoding.ASCII.GetBytes($"{id}#{sequence}")));

    private static AnchorBlock Proposal(ulong sequence = 4, Hash256? previous = null, SigningKeyPair? key = null) => AnchorBlock.Create(
        DeviceRole.Substation, Substation, sequence, 1, previous ?? Hash256.Compute([4]), Sealed.AddMinutes(sequence), [ConcentratorAnchor("dc-2", 7), ConcentratorAnchor("dc-1", 3)], [],
        key ?? TestKeys.Derived("ss-1"), commit: CommitScheme.CommitCertificate);

    [Fact]
    public void The_body_validators_agree_on_decodes_to_the_proposal_and_nothing_else_does()
    {
        var proposal = Proposal();

        var decoded = AnchorBlock.DecodeBody(proposal.Body.Span);

        decoded.Hash.Should().Be(proposal.Hash);
        decoded.Anchors.Should().Equal(proposal.Anchors);
        decoded.Evidence.Should().BeNull();
        decoded.WithEvidence(PinnedEvidence).Encoded.ToArray().Should().Equal(proposal.WithEvidence(PinnedEvidence).Encoded.ToArray());
        FluentActions.Invoking(() => AnchorBlock.DecodeBody(proposal.WithEvidence(PinnedEvidence).Encoded.Span)).Should().Throw<LedgerFormatException>("the evidence is not part of the body");
        FluentActions.Invoking(() => AnchorBlock.DecodeBody(proposal.Body.Span[..^1])).Should().Throw<LedgerFormatException>();
        var alone = AnchorBlock.Create(DeviceRole.Substation, Substation, 4, 1, Hash256.Compute([4]), Sealed, [], [], TestKeys.Derived("ss-1"));
        FluentActions.Invoking(() => AnchorBlock.DecodeBody(alone.Encoded.Span)).Should().Throw<LedgerFormatException>().WithMessage("*not committed by validators*");
    }

    [Fact]
    public void A_committed_block_round_trips_with_its_evidence_and_keeps_the_proposal_hash()
    {
        var proposal = Proposal();
        var block = proposal.WithEvidence(PinnedEvidence);

        var decoded = AnchorBlock.Decode(block.Encoded.Span);

        proposal.Evidence.Should().BeNull("a proposal has no certificate yet");
        proposal.Body.ToArray().Should().Equal(proposal.Encoded.ToArray());
        decoded.Header.Commit.Should().Be(CommitScheme.CommitCertificate);
        decoded.Hash.Should().Be(proposal.Hash, "the evidence is outside the signed header");
        decoded.Body.ToArray().Should().Equal(proposal.Body.ToArray());
        decoded.Anchors.Select(a => a.Child.Value).Should().Equal("dc-1", "dc-2");
        decoded.Evidence!.SetId.Should().Be(PinnedRecords.Previous);
        decoded.Evidence.Height.Should().Be(9);
        decoded.Evidence.ConsensusHeader.ToArray().Should().Equal(0x20, 0x01, 0xAA);
        decoded.Evidence.Certificate.ToArray().Should().Equal(0x23, 0x01, 0xBB);
        decoded.Encoded.ToArray().Should().Equal(block.Encoded.ToArray());
        decoded.VerifySignature(TestKeys.Derived("ss-1").PublicKey).Should().BeTrue();
    }

    [Fact]
    public void The_evidence_layout_is_the_documented_one()
    {
        var block = Proposal().WithEvidence(PinnedEvidence);
        var bytes = block.Encoded.ToArray();

        // 0x18 01 | set id 00..1f | height 9 u64 | header (3 bytes) | certificate (3 bytes)
        Convert.ToHexStringLower(PinnedEvidence.Encoded.Span).Should().Be(
            "1801" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" + "0900000000000000" + "03" + "2001aa" + "03" + "2301bb");
        bytes[block.Body.Length..].Should().Equal(PinnedEvidence.Encoded.ToArray(), "the evidence follows the anchors");
        block.Header.Encoded.Span[^65].Should().Be(1, "the signed commit scheme byte says a certificate follows");
    }

    [Fact]
    public void Blocks_sealed_alone_are_unchanged_and_carry_no_evidence()
    {
        var alone = AnchorBlock.Create(DeviceRole.Substation, Substation, 4, 1, Hash256.Compute([4]), Sealed, [ConcentratorAnchor("dc-1", 3)], [], TestKeys.Derived("ss-1"));

        alone.Evidence.Should().BeNull();
        alone.Body.ToArray().Should().Equal(alone.Encoded.ToArray());
        alone.Header.Encoded.Span[^65].Should().Be(0);
        FluentActions.Invoking(() => alone.WithEvidence(PinnedEvidence)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => AnchorBlock.Decode([.. alone.Encoded.Span, .. PinnedEvidence.Encoded.Span]))
            .Should().Throw<LedgerFormatException>().Which.Offset.Should().Be(alone.Encoded.Length, "a block sealed alone ends after its anchors");
    }

    [Fact]
    public void A_committed_block_without_its_evidence_is_refused_where_the_evidence_should_start()
    {
        var proposal = Proposal();

        FluentActions.Invoking(() => AnchorBlock.Decode(proposal.Encoded.Span))
            .Should().Throw<LedgerFormatException>().Which.Offset.Should().Be(proposal.Body.Length);
    }

    [Fact]
    public void Every_truncation_of_the_evidence_is_refused_with_an_offset_inside_it()
    {
        var block = Proposal().WithEvidence(PinnedEvidence);
        var valid = block.Encoded.ToArray();
        var body = block.Body.Length;

        for (var length = body; length < valid.Length; length++)
        {
            var truncated = valid[..length];
            FluentActions.Invoking(() => AnchorBlock.Decode(truncated))
                .Should().Throw<LedgerFormatException>().Which.Offset.Should().BeInRange(body, length, $"cut at {length}");
        }

        FluentActions.Invoking(() => AnchorBlock.Decode([.. valid, 0])).Should().Throw<LedgerFormatException>().Which.Offset.Should().Be(valid.Length);
    }

    [Fact]
    public void A_change_of_the_evidence_framing_is_refused_as_bytes()
    {
        var block = Proposal().WithEvidence(PinnedEvidence);
        var body = block.Body.Length;
        var framing = new[] { body, body + 1, body + 42, body + 46 };

        foreach (var at in framing)
        {
            var bytes = block.Encoded.ToArray();
            bytes[at] ^= 0x01;
            FluentActions.Invoking(() => AnchorBlock.Decode(bytes)).Should().Throw<LedgerFormatException>($"byte {at} frames the evidence")
                .Which.Offset.Should().BeGreaterThanOrEqualTo(body);
        }
    }

    [Fact]
    public async Task The_audit_reports_each_committed_block_by_chain_and_height_with_the_verifiers_finding()
    {
        var (store, root) = await StoreWithCommittedSubstationAsync(3);
        var verifier = new RefusingHeight(1);

        var withVerifier = await new LedgerAuditor(store, store, root, commits: verifier).AuditAsync();
        var without = await new LedgerAuditor(store, store, root).AuditAsync();

        verifier.Checked.Should().Equal(0L, 1L, 2L);
        AuditFindings.Of(withVerifier).Should().Equal(("substation/ss-1", 1L, DefectKind.CommitCertificateTooFewSignatures));
        AuditFindings.Of(without).Should().Equal(
            ("substation/ss-1", 0L, DefectKind.CommitCertificateUnverifiable),
            ("substation/ss-1", 1L, DefectKind.CommitCertificateUnverifiable),
            ("substation/ss-1", 2L, DefectKind.CommitCertificateUnverifiable));
    }

    [Fact]
    public async Task A_committed_block_stored_without_evidence_is_malformed_at_its_height()
    {
        var (store, root) = await StoreWithCommittedSubstationAsync(2);
        var chain = new ChainId(DeviceRole.Substation, Substation);
        var stored = AnchorBlock.Decode((await store.ReadTailAsync(chain, 1))[0].Bytes.Span);
        store.Overwrite(chain, 1, stored.Body.ToArray());

        var report = await new LedgerAuditor(store, store, root, commits: new RefusingHeight(-1)).AuditAsync();

        AuditFindings.Of(report).Should().Equal(("substation/ss-1", 1L, DefectKind.Malformed));
    }

    private static async Task<(InMemoryLedgerStore Store, PublicKey Root)> StoreWithCommittedSubstationAsync(int blocks)
    {
        var store = new InMemoryLedgerStore();
        var pki = new TestPki();
        var key = TestKeys.Derived("ss-1");
        await store.PutCertificateAsync(pki.Root.Issue(Substation, DeviceRole.Substation, key.PublicKey, TestPki.NotBefore, TestPki.NotAfter, 1));
        var chain = new ChainId(DeviceRole.Substation, Substation);
        var head = ChainHead.Genesis;
        for (var i = 0; i < blocks; i++)
        {
            var block = AnchorBlock.Create(DeviceRole.Substation, Substation, (ulong)head.Height, 1, head.Hash, Sealed.AddMinutes(i), [], [], key, commit: CommitScheme.CommitCertificate)
                .WithEvidence(PinnedEvidence);
            await store.AppendAsync(chain, head.Height, block.Encoded);
            head = head.Advance(block);
        }

        return (store, pki.Root.PublicKey);
    }

    /// <summary>Accepts every block but the one at <see cref="Refused"/>, and records the heights it was asked about.</summary>
    private sealed class RefusingHeight(long refused) : ICommitEvidenceVerifier
    {
        public long Refused { get; } = refused;

        public List<long> Checked { get; } = [];

        public ChainDefect? Verify(AnchorBlock block, long height)
        {
            Checked.Add(height);
            block.Evidence.Should().NotBeNull();
            return height == Refused ? new ChainDefect(height, DefectKind.CommitCertificateTooFewSignatures, "refused by the test") : null;
        }
    }
}
