using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Proofs;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Proofs;

public class ReadingProofTests
{
    private readonly TestHierarchy _ledger = new();
    private readonly DeviceId _meter = DeviceId.Parse("meter-1-0-2");

    private ProofBuilder Builder => new(_ledger.Store, _ledger.Store);

    private async Task<ReadingProof> AnchoredProofAsync(DateTimeOffset? time = null)
    {
        await _ledger.UploadAsync(2);
        await _ledger.SealAllAsync();
        await _ledger.UploadAsync(1);
        await _ledger.SealAllAsync();
        return await Builder.BuildAsync(_meter, time);
    }

    [Fact]
    public async Task The_latest_reading_is_proven_up_to_the_utility_with_the_root_key_alone()
    {
        var proof = await AnchoredProofAsync();

        var result = ProofVerifier.Verify(proof.Encode(), _ledger.RootKey);

        result.IsValid.Should().BeTrue(result.Failure);
        result.Meter.Should().Be(_meter);
        result.Reading.Should().Be(proof.MeterBlocks[^1].Profile.Readings[^1]);
        result.Reading!.End.Should().Be(_ledger.Meters[_meter].NextReadingStart, "the latest reading the meter took");
        result.MeterSequence.Should().Be(2);
        result.Path.Should().HaveCount(4);
        result.Path[1].Should().StartWith("concentrator dc-1-0#1");
        result.Path[2].Should().StartWith("substation sub-1#1");
        result.Path[3].Should().StartWith("utility utility#1");
        result.UtilityBlock!.Node.Value.Should().Be("utility");
    }

    [Fact]
    public async Task A_block_carrying_appliance_reports_is_proven_with_the_appliances_certificates()
    {
        var meter = _ledger.Meters[_meter];
        var washer = new TestAppliance("washer-1-0-2", _meter);
        await _ledger.Store.PutCertificateAsync(washer.Issue(_ledger.Pki));
        await _ledger.UploadAsync(1);
        var carrying = meter.NextBlockWith(p => [washer.Next(p.Start, p.End, 40)]);
        await _ledger.Store.AppendAsync(ChainId.Meter(_meter), 1, carrying.Encoded);
        await _ledger.SealAllAsync();

        var proof = await Builder.BuildAsync(_meter, null);
        var result = ProofVerifier.Verify(proof.Encode(), _ledger.RootKey);

        result.IsValid.Should().BeTrue(result.Failure);
        proof.MeterBlocks[^1].Reports.Should().ContainSingle().Which.ApplianceId.Should().Be(washer.Id);
        proof.Certificates.Select(c => c.Role).Should().Contain(DeviceRole.Appliance);

        // Without the appliance's certificate the carried report cannot be checked, so neither can the block.
        var stripped = new ReadingProof(proof.ReadingIndex, [.. proof.Certificates.Where(c => c.Role != DeviceRole.Appliance)], proof.MeterBlocks, proof.Steps);
        ProofVerifier.Verify(stripped, _ledger.RootKey).Failure.Should().Contain("UnknownDevice");
    }

    [Fact]
    public async Task A_reading_at_a_given_time_is_proven_through_the_blocks_that_follow_it()
    {
        var readingTime = TestMeter.FirstReading.AddMinutes(20);

        var proof = await AnchoredProofAsync(readingTime);
        var result = ProofVerifier.Verify(proof, _ledger.RootKey);

        result.IsValid.Should().BeTrue(result.Failure);
        result.Reading!.Start.Should().Be(TestMeter.FirstReading.AddMinutes(15));
        result.MeterSequence.Should().Be(0);
        proof.MeterBlocks.Select(b => b.Sequence).Should().Equal([0UL, 1UL], "block 1 is the head the first concentrator block anchored");
    }

    [Fact]
    public async Task The_proof_file_round_trips_byte_for_byte()
    {
        var bytes = (await AnchoredProofAsync()).Encode();

        ReadingProof.Decode(bytes).Encode().Should().Equal(bytes);
    }

    [Fact]
    public async Task Any_other_root_key_rejects_the_proof()
    {
        var proof = await AnchoredProofAsync();

        var result = ProofVerifier.Verify(proof, TestKeys.Derived("another utility").PublicKey);

        result.IsValid.Should().BeFalse();
        result.Failure.Should().Contain("BadIssuerSignature");
    }

    [Fact]
    public async Task Every_single_byte_change_of_a_proof_is_detected()
    {
        var proof = await AnchoredProofAsync();
        var bytes = proof.Encode();

        // Changing the reading index gives a valid proof of another reading of the same block,
        // and the verifier says which: what must never happen is a valid proof of this reading
        // (or any reading that is not on the chain) from altered bytes.
        var undetected = Mutations.UndetectedSingleByteChanges(bytes, 0x01, changed =>
        {
            var result = ProofVerifier.Verify(changed, _ledger.RootKey);
            return result.IsValid && !(result.Reading != proof.Reading && proof.MeterBlocks[0].Profile.Readings.Contains(result.Reading!));
        });

        undetected.Should().BeEmpty();
    }

    [Fact]
    public async Task A_reading_the_tiers_have_not_anchored_yet_has_no_proof()
    {
        await _ledger.UploadAsync(1);
        await _ledger.SealAllAsync();
        await _ledger.UploadAsync(1);

        var error = await FluentActions.Awaiting(() => Builder.BuildAsync(_meter)).Should().ThrowAsync<ProofUnavailableException>();

        error.Which.Reason.Should().Be(ProofUnavailableReason.NotYetAnchored);
        error.Which.Message.Should().Contain("meter 'meter-1-0-2' block 1 is not anchored by any concentrator");
    }

    [Fact]
    public async Task Unknown_meters_and_uncovered_times_are_named()
    {
        await AnchoredProofAsync();

        (await FluentActions.Awaiting(() => Builder.BuildAsync(DeviceId.Parse("nobody"))).Should().ThrowAsync<ProofUnavailableException>())
            .Which.Reason.Should().Be(ProofUnavailableReason.UnknownMeter);
        (await FluentActions.Awaiting(() => Builder.BuildAsync(_meter, TestMeter.FirstReading.AddDays(-1))).Should().ThrowAsync<ProofUnavailableException>())
            .Which.Reason.Should().Be(ProofUnavailableReason.NoReading);
    }

    [Fact]
    public async Task A_block_replaced_after_it_was_anchored_yields_no_proof()
    {
        await AnchoredProofAsync();
        var chain = ChainId.Meter(_meter);
        var stored = MeterBlockOf(await _ledger.Store.ReadTailAsync(chain, 1));
        var forged = MeterBlock.Create(_meter, stored.Sequence, stored.KeySerial, stored.Previous, stored.Timestamp, Tamper.WithChangedValue(stored, delta: -50).Profile, _ledger.Meters[_meter].Key);
        _ledger.Store.Overwrite(chain, 2, forged.ToArray());

        (await FluentActions.Awaiting(() => Builder.BuildAsync(_meter)).Should().ThrowAsync<ProofUnavailableException>())
            .Which.Reason.Should().Be(ProofUnavailableReason.StoreDefect);
    }

    [Fact]
    public async Task A_proof_cut_short_of_the_utility_is_invalid()
    {
        var proof = await AnchoredProofAsync();

        var result = ProofVerifier.Verify(proof with { Steps = proof.Steps.RemoveAt(2) }, _ledger.RootKey);

        result.IsValid.Should().BeFalse();
        result.Failure.Should().Contain("2 tier steps");
    }

    [Fact]
    public async Task A_concentrator_step_signed_under_a_meter_certificate_is_invalid()
    {
        var proof = await AnchoredProofAsync();
        var concentrator = proof.Steps[0].Headers[0].Node;
        var meterRoleCertificate = _ledger.Pki.Root.Issue(concentrator, DeviceRole.Meter, _ledger.KeyOf(concentrator).PublicKey, TestPki.NotBefore, TestPki.NotAfter, 1);
        var certificates = proof.Certificates.Select(c => c.Subject == concentrator ? meterRoleCertificate : c).ToList();

        var result = ProofVerifier.Verify(proof with { Certificates = [.. certificates] }, _ledger.RootKey);

        result.IsValid.Should().BeFalse();
        result.FailedTier.Should().Be(DeviceRole.Concentrator);
        result.Failure.Should().Contain("WrongRole");
    }

    [Fact]
    public void Bytes_that_are_not_a_proof_are_reported_not_thrown()
    {
        var result = ProofVerifier.Verify([0x16, 0x01, 0xff], _ledger.RootKey);

        result.IsValid.Should().BeFalse();
        result.Failure.Should().StartWith("not a reading proof");
        FluentActions.Invoking(() => ReadingProof.Decode([0x10, 0x01])).Should().Throw<LedgerFormatException>();
    }

    [Fact]
    public async Task A_revocation_list_fails_a_proof_through_a_block_signed_after_the_revocation()
    {
        var proof = await AnchoredProofAsync();
        var concentratorHeader = proof.Steps[0].Headers[0];
        var certificate = proof.Certificates.Single(c => c.Subject == concentratorHeader.Node);
        var before = _ledger.Pki.Root.Revoke(certificate, concentratorHeader.Timestamp.AddMinutes(-1), RevocationReason.KeyCompromise);
        var after = _ledger.Pki.Root.Revoke(certificate, concentratorHeader.Timestamp.AddDays(1), RevocationReason.Superseded);
        var forged = new TestPki(TestKeys.Derived("not the root")).Root.Revoke(certificate, concentratorHeader.Timestamp.AddMinutes(-1), RevocationReason.KeyCompromise);

        var revokedBefore = ProofVerifier.Verify(proof, _ledger.RootKey, [before]);

        revokedBefore.IsValid.Should().BeFalse();
        revokedBefore.FailedTier.Should().Be(DeviceRole.Concentrator);
        revokedBefore.Failure.Should().Contain("Revoked");
        ProofVerifier.Verify(proof, _ledger.RootKey, [after]).IsValid.Should().BeTrue("a later revocation does not undo what was signed before it");
        ProofVerifier.Verify(proof, _ledger.RootKey, [forged]).Failure.Should().Contain("not signed by the root");
    }

    private static MeterBlock MeterBlockOf(IReadOnlyList<LedgerEntry> tail) => MeterBlock.Decode(tail[0].Bytes.Span);
}
