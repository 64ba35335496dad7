using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Chain;

/// <summary>
/// The rules a block must pass to extend a meter's chain: each defect comes from its own
/// situation and is reported at the height the block was offered for.
/// </summary>
public class MeterBlockValidatorTests
{
    private const long Height = 10;

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly IReadOnlyList<MeterBlock> _chain;

    public MeterBlockValidatorTests()
    {
        _pki.Certify(_meter);
        _chain = _meter.NextBlocks((int)Height);
    }

    [Fact]
    public void Every_block_of_an_honest_chain_extends_the_head_before_it()
    {
        var head = ChainHead.Genesis;
        foreach (var block in _chain)
        {
            MeterBlockValidator.Check(block, _meter.Id, head, _pki.Registry, block.Timestamp, Skew).Should().BeNull();
            head = head.Advance(block);
        }

        head.Should().Be(_meter.Head);
        head.Height.Should().Be(Height);
        head.LastReadingEnd.Should().Be(_chain[^1].Profile.End);
    }

    [Fact]
    public void The_honest_next_block_passes()
    {
        Check(_meter.Craft()).Should().BeNull();
    }

    [Fact]
    public void A_block_of_another_meter_is_the_wrong_device()
    {
        var other = new TestMeter("meter-0002");
        _pki.Certify(other);

        Check(other.NextBlock()).ShouldBe(Height, DefectKind.WrongDevice, "block is signed as meter 'meter-0002', not 'meter-0001'");
    }

    [Fact]
    public void A_meter_without_a_certificate_is_an_unknown_device()
    {
        var stranger = new TestMeter("meter-0404");
        var block = stranger.NextBlock();

        MeterBlockValidator.Check(block, stranger.Id, ChainHead.Genesis, _pki.Registry, block.Timestamp, Skew)
            .ShouldBe(0, DefectKind.UnknownDevice);
    }

    [Fact]
    public void A_block_naming_a_serial_the_meter_was_not_issued_is_an_unknown_certificate()
    {
        Check(_meter.Craft(keySerial: 2)).ShouldBe(Height, DefectKind.UnknownCertificate, "certificate #2 of 'meter-0001' *: UnknownCertificate");
    }

    [Fact]
    public void A_meter_key_certified_as_a_concentrator_is_the_wrong_role()
    {
        var pki = new TestPki();
        pki.Certify(_meter, DeviceRole.Concentrator);

        Check(_meter.Craft(), pki.Registry).ShouldBe(Height, DefectKind.WrongRole);
    }

    [Fact]
    public void A_block_sealed_when_the_certificate_has_ended_is_expired()
    {
        var block = _meter.Craft();
        var pki = new TestPki();
        pki.Certify(_meter, notAfter: block.Timestamp);

        Check(block, pki.Registry).ShouldBe(Height, DefectKind.CertificateExpired);
    }

    [Fact]
    public void A_block_sealed_before_the_certificate_starts_is_not_yet_valid()
    {
        var block = _meter.Craft();
        var pki = new TestPki();
        pki.Certify(_meter, notBefore: block.Timestamp.AddSeconds(1));

        Check(block, pki.Registry).ShouldBe(Height, DefectKind.CertificateNotYetValid);
    }

    [Fact]
    public void A_block_sealed_after_its_certificate_was_revoked_is_revoked()
    {
        var block = _meter.Craft();
        Revoke(block.Timestamp.AddSeconds(-1));

        Check(block).ShouldBe(Height, DefectKind.CertificateRevoked);
    }

    [Fact]
    public void A_block_received_after_a_revocation_is_revoked_live_but_kept_by_an_audit()
    {
        var block = _meter.Craft();
        Revoke(block.Timestamp.AddSeconds(1));

        Check(block, now: block.Timestamp.AddSeconds(2)).ShouldBe(Height, DefectKind.CertificateRevoked);
        Check(block, now: block.Timestamp).Should().BeNull();
        MeterBlockValidator.Check(block, _meter.Id, _meter.Head, _pki.Registry, now: null, Skew).Should().BeNull();
    }

    [Fact]
    public void A_reading_changed_after_signing_is_a_bad_signature()
    {
        var honest = _meter.Craft();
        var tampered = Tamper.WithChangedValue(honest, reading: 1, delta: -50);

        tampered.Signature.Should().Be(honest.Signature);
        tampered.Hash.Should().NotBe(honest.Hash);
        Check(tampered).ShouldBe(Height, DefectKind.BadSignature, "signature does not verify under certificate #1");
    }

    [Fact]
    public void The_same_content_signed_by_another_key_is_a_bad_signature()
    {
        Check(_meter.Craft(key: TestKeys.Derived("attacker"))).ShouldBe(Height, DefectKind.BadSignature);
    }

    [Fact]
    public void The_head_offered_again_is_a_duplicate()
    {
        Check(_chain[^1]).ShouldBe(Height, DefectKind.Duplicate, "block 9 is already the head *");
    }

    [Fact]
    public void An_older_block_offered_again_is_a_replay()
    {
        Check(_chain[3]).ShouldBe(Height, DefectKind.Replay, "sequence 3 was already used; the chain has 10 blocks");
    }

    [Fact]
    public void Another_block_with_the_head_sequence_is_a_replay_not_a_duplicate()
    {
        var conflicting = _meter.Craft(sequence: Height - 1, previous: _chain[^2].Hash, timestamp: _chain[^1].Timestamp.AddSeconds(1), profile: _chain[^1].Profile);

        Check(conflicting).ShouldBe(Height, DefectKind.Replay);
    }

    [Fact]
    public void A_block_that_skips_a_sequence_number_is_a_gap()
    {
        Check(_meter.Craft(sequence: Height + 1)).ShouldBe(Height, DefectKind.SequenceGap, "sequence 11 skips ahead: expected 10");
    }

    [Fact]
    public void A_block_that_does_not_name_the_head_as_previous_is_a_broken_link()
    {
        Check(_meter.Craft(previous: _chain[^2].Hash)).ShouldBe(Height, DefectKind.BrokenLink);
        Check(_meter.Craft(previous: Hash256.Zero)).ShouldBe(Height, DefectKind.BrokenLink);
    }

    [Fact]
    public void The_first_block_must_link_to_the_zero_hash()
    {
        var meter = new TestMeter();

        MeterBlockValidator.Check(meter.Craft(previous: Hash256.Compute([])), meter.Id, ChainHead.Genesis, _pki.Registry, null, Skew)
            .ShouldBe(0, DefectKind.BrokenLink);
    }

    [Fact]
    public void A_block_sealed_before_the_head_was_is_out_of_order()
    {
        var late = _meter.NextBlock(sealDelay: TimeSpan.FromHours(2));
        var next = _meter.Craft();

        next.Timestamp.Should().BeBefore(late.Timestamp);
        Check(next).ShouldBe(Height + 1, DefectKind.TimestampOutOfOrder, "block time * is before the previous block's *");
        Check(_meter.Craft(timestamp: late.Timestamp)).Should().BeNull("a block may carry its head's timestamp");
    }

    [Fact]
    public void Readings_that_overlap_the_previous_block_are_out_of_order()
    {
        var overlapping = _meter.Craft(Profiles.Consecutive(_meter.NextReadingStart - Profiles.Interval, 2));

        Check(overlapping).ShouldBe(Height, DefectKind.TimestampOutOfOrder, "first reading starts *, before the previous block's readings end *");
    }

    [Fact]
    public void A_block_sealed_beyond_the_skew_ahead_of_the_receiver_is_in_the_future()
    {
        var block = _meter.Craft();

        Check(block, now: block.Timestamp - Skew - TimeSpan.FromMilliseconds(1))
            .ShouldBe(Height, DefectKind.TimestampInFuture, "block time * is ahead of the receiver's clock *");
        Check(block, now: block.Timestamp - Skew).Should().BeNull();
    }

    [Fact]
    public void Readings_ending_beyond_the_skew_after_the_block_was_sealed_are_in_the_future()
    {
        var profile = _meter.NextProfile();

        Check(_meter.Craft(profile, timestamp: profile.End - Skew - TimeSpan.FromSeconds(1)))
            .ShouldBe(Height, DefectKind.TimestampInFuture, "readings end *, after the block was sealed *");
        Check(_meter.Craft(profile, timestamp: profile.End - Skew)).Should().BeNull();
    }

    [Fact]
    public void An_unbounded_skew_disables_the_future_checks_without_overflowing()
    {
        // Sealed with the head's timestamp, 29.5 minutes before its readings end.
        var block = _meter.Craft(timestamp: _meter.Head.LastTimestamp);

        MeterBlockValidator.Check(block, _meter.Id, _meter.Head, _pki.Registry, block.Timestamp.AddDays(-1), TimeSpan.MaxValue).Should().BeNull();
    }

    [Fact]
    public void Cheap_structural_checks_come_before_the_certificate_and_the_signature()
    {
        var forgedGap = _meter.Craft(sequence: Height + 1, key: TestKeys.Derived("attacker"), keySerial: 99);

        Check(forgedGap).ShouldBe(Height, DefectKind.SequenceGap);
    }

    [Theory]
    [InlineData(CertificateStatus.UnknownDevice, DefectKind.UnknownDevice)]
    [InlineData(CertificateStatus.UnknownCertificate, DefectKind.UnknownCertificate)]
    [InlineData(CertificateStatus.WrongRole, DefectKind.WrongRole)]
    [InlineData(CertificateStatus.NotYetValid, DefectKind.CertificateNotYetValid)]
    [InlineData(CertificateStatus.Expired, DefectKind.CertificateExpired)]
    [InlineData(CertificateStatus.Revoked, DefectKind.CertificateRevoked)]
    public void Each_failed_certificate_status_has_its_defect(CertificateStatus status, DefectKind kind)
    {
        MeterBlockValidator.ToDefect(status).Should().Be(kind);
    }

    [Fact]
    public void A_valid_certificate_is_not_a_defect()
    {
        FluentActions.Invoking(() => MeterBlockValidator.ToDefect(CertificateStatus.Valid)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private ChainDefect? Check(MeterBlock block, CertificateRegistry? registry = null, DateTimeOffset? now = null) =>
        MeterBlockValidator.Check(block, _meter.Id, _meter.Head, registry ?? _pki.Registry, now ?? block.Timestamp, Skew);

    private void Revoke(DateTimeOffset at) =>
        _pki.Registry.AddRevocation(_pki.Root.Revoke(_pki.Registry.CertificatesOf(_meter.Id)[0], at, RevocationReason.KeyCompromise))
            .Should().Be(CertificateAdmission.Accepted);
}
