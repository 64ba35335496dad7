using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests.Meters;

[Collection(ClusterCollection.Name)]
public sealed class MeterGrainIngestTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    private async Task<(TestDevice Device, IMeterGrain Grain)> ProvisionedAsync()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-" + Guid.NewGuid().ToString("N")[..12], Start);
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        (await grain.ProvisionAsync(device.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        return (device, grain);
    }

    private static async Task<MeterHead> AppendAsync(TestDevice device, IMeterGrain grain, int blocks)
    {
        for (var i = 0; i < blocks; i++)
        {
            var result = await grain.IngestAsync(device.NextBlock());
            result.Accepted.Should().BeTrue(result.ToString());
        }

        return await grain.GetHeadAsync();
    }

    private static async Task ExpectRejectedAndUnchangedAsync(IMeterGrain grain, MeterBlock block, DefectKind reason)
    {
        var before = await grain.GetHeadAsync();
        var result = await grain.IngestAsync(block);
        result.Accepted.Should().BeFalse();
        result.Reason.Should().Be(reason, result.Message);
        result.Height.Should().Be(before.Height);
        (await grain.GetHeadAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Valid_blocks_are_appended_in_order_and_the_head_follows_the_device()
    {
        var (device, grain) = await ProvisionedAsync();

        var first = await grain.IngestAsync(device.NextBlock());
        var second = await grain.IngestAsync(device.NextBlock());

        first.Should().BeEquivalentTo(new { Accepted = true, Height = 0L });
        second.Should().BeEquivalentTo(new { Accepted = true, Height = 1L });
        var head = await grain.GetHeadAsync();
        head.Height.Should().Be(2);
        head.Hash.Should().Be(device.Head);
        head.LastReadingEnd.Should().Be(device.Clock);
    }

    [Fact]
    public async Task Tampered_reading_is_rejected_as_bad_signature_and_chain_unchanged()
    {
        var (device, grain) = await ProvisionedAsync();
        await AppendAsync(device, grain, 2);
        var honest = device.NextBlock();
        var readings = honest.Profile.Readings.SetItem(1, honest.Profile.Readings[1] with { Values = [1, 2300] });
        var tampered = MeterBlock.Assemble(honest.MeterId, honest.Sequence, honest.KeySerial, honest.Previous, honest.Timestamp, new LoadProfile(honest.Profile.Channels, readings), honest.Signature);

        await ExpectRejectedAndUnchangedAsync(grain, tampered, DefectKind.BadSignature);
    }

    [Fact]
    public async Task Forged_signature_is_rejected_and_chain_unchanged()
    {
        var (device, grain) = await ProvisionedAsync();
        await AppendAsync(device, grain, 1);
        var honest = device.NextBlock();
        var forged = MeterBlock.Create(honest.MeterId, honest.Sequence, honest.KeySerial, honest.Previous, honest.Timestamp, honest.Profile, SigningKeyPair.Derive("attacker"u8, "key"));

        await ExpectRejectedAndUnchangedAsync(grain, forged, DefectKind.BadSignature);
    }

    [Fact]
    public async Task Block_from_an_unknown_device_is_rejected_and_nothing_is_kept()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-unknown-" + Guid.NewGuid().ToString("N")[..8], Start);
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);

        var result = await grain.IngestAsync(device.NextBlock());

        result.Reason.Should().Be(DefectKind.UnknownDevice);
        var status = await grain.GetStatusAsync();
        status.Provisioned.Should().BeFalse();
        status.Head.Height.Should().Be(0);
        status.Rejections.Should().BeEmpty("an unprovisioned id keeps no state");
    }

    [Fact]
    public async Task Block_of_a_revoked_device_is_rejected_and_chain_unchanged()
    {
        var (device, grain) = await ProvisionedAsync();
        await AppendAsync(device, grain, 1);
        var revocation = ClusterFixture.Root.Revoke(device.Certificate, DateTimeOffset.UtcNow.AddMinutes(-1), RevocationReason.KeyCompromise);
        (await grain.RevokeAsync(revocation)).Outcome.Should().Be(ProvisionOutcome.Accepted);

        // Backdated to before the revocation: still refused, the revocation is already known.
        await ExpectRejectedAndUnchangedAsync(grain, device.NextBlock(), DefectKind.CertificateRevoked);
        (await grain.GetStatusAsync()).RevokedSerials.Should().Equal(device.Certificate.Serial);
    }

    [Fact]
    public async Task Replayed_block_is_rejected_and_chain_unchanged()
    {
        var (device, grain) = await ProvisionedAsync();
        var old = device.NextBlock();
        (await grain.IngestAsync(old)).Accepted.Should().BeTrue();
        await AppendAsync(device, grain, 2);

        await ExpectRejectedAndUnchangedAsync(grain, old, DefectKind.Replay);
    }

    [Fact]
    public async Task Duplicate_of_the_head_is_reported_as_on_chain_and_changes_nothing()
    {
        var (device, grain) = await ProvisionedAsync();
        var block = device.NextBlock();
        (await grain.IngestAsync(block)).Accepted.Should().BeTrue();

        var again = await grain.IngestAsync(block);

        again.Reason.Should().Be(DefectKind.Duplicate);
        again.IsOnChain.Should().BeTrue();
        (await grain.GetHeadAsync()).Height.Should().Be(1);
    }

    [Fact]
    public async Task Broken_link_is_rejected_and_chain_unchanged()
    {
        var (device, grain) = await ProvisionedAsync();
        await AppendAsync(device, grain, 2);
        var honest = device.NextBlock();
        var relinked = MeterBlock.Create(honest.MeterId, honest.Sequence, honest.KeySerial, SmartGrid.Ledger.Hashing.Hash256.Compute("elsewhere"u8), honest.Timestamp, honest.Profile, device.Key);

        await ExpectRejectedAndUnchangedAsync(grain, relinked, DefectKind.BrokenLink);
    }

    [Fact]
    public async Task Block_skipping_a_sequence_number_is_rejected_as_a_gap()
    {
        var (device, grain) = await ProvisionedAsync();
        await AppendAsync(device, grain, 1);
        device.NextBlock();

        await ExpectRejectedAndUnchangedAsync(grain, device.NextBlock(), DefectKind.SequenceGap);
    }

    [Fact]
    public async Task Block_from_the_future_is_rejected()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-future-" + Guid.NewGuid().ToString("N")[..8], TestTime.Midnight(1));
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        (await grain.ProvisionAsync(device.Certificate)).Succeeded.Should().BeTrue();

        await ExpectRejectedAndUnchangedAsync(grain, device.NextBlock(), DefectKind.TimestampInFuture);
    }

    [Fact]
    public async Task Block_overlapping_the_previous_readings_is_rejected()
    {
        var (device, grain) = await ProvisionedAsync();
        var first = device.NextBlock();
        (await grain.IngestAsync(first)).Accepted.Should().BeTrue();
        var overlapping = MeterBlock.Create(device.Id, 1, device.Certificate.Serial, first.Hash, first.Timestamp.AddMinutes(1), first.Profile, device.Key);

        await ExpectRejectedAndUnchangedAsync(grain, overlapping, DefectKind.TimestampOutOfOrder);
    }

    [Fact]
    public async Task Block_signed_for_another_meter_is_rejected_as_wrong_device()
    {
        var (_, grain) = await ProvisionedAsync();
        var other = new TestDevice(ClusterFixture.Root, "MTR-other-" + Guid.NewGuid().ToString("N")[..8], Start);

        await ExpectRejectedAndUnchangedAsync(grain, other.NextBlock(), DefectKind.WrongDevice);
    }

    [Fact]
    public async Task Rejections_are_counted_by_reason()
    {
        var (device, grain) = await ProvisionedAsync();
        var block = device.NextBlock();
        await grain.IngestAsync(block);
        await grain.IngestAsync(block);
        await grain.IngestAsync(block);
        device.NextBlock();
        await grain.IngestAsync(device.NextBlock());

        var status = await grain.GetStatusAsync();

        status.Rejections.Should().BeEquivalentTo(new Dictionary<DefectKind, long> { [DefectKind.Duplicate] = 2, [DefectKind.SequenceGap] = 1 });
    }

    [Fact]
    public async Task Ingest_many_delivers_stored_blocks_in_order_and_tolerates_resent_ones()
    {
        var (device, grain) = await ProvisionedAsync();
        var first = device.NextBlock();
        (await grain.IngestAsync(first)).Accepted.Should().BeTrue();
        var backlog = Enumerable.Range(0, 5).Select(_ => device.NextBlock()).ToArray();

        var results = await grain.IngestManyAsync([first, .. backlog]);

        results.Select(r => r.IsOnChain).Should().AllBeEquivalentTo(true);
        results[0].Reason.Should().Be(DefectKind.Duplicate);
        (await grain.GetHeadAsync()).Height.Should().Be(6);
    }

    [Fact]
    public async Task Ingest_many_answers_a_resent_block_in_the_middle_of_a_backlog_and_keeps_the_rest()
    {
        var (device, grain) = await ProvisionedAsync();
        var a = device.NextBlock();
        var b = device.NextBlock();
        var c = device.NextBlock();
        var d = device.NextBlock();

        var results = await grain.IngestManyAsync([a, b, b, c, d]);

        results.Select(r => (r.Accepted, r.Reason)).Should().Equal((true, null), (true, null), (false, DefectKind.Duplicate), (true, null), (true, null));
        results.Where(r => r.Accepted).Select(r => r.Height).Should().Equal(0, 1, 2, 3);
        results[2].Should().BeEquivalentTo(new { Height = 2L, Head = b.Hash }, "the resent block is answered with the head after the blocks before it");
        results[^1].Head.Should().Be(d.Hash);
        (await grain.GetHeadAsync()).Height.Should().Be(4);
        var report = await grain.VerifyAsync();
        report.Defects.Should().BeEmpty();
        report.BlocksChecked.Should().Be(4);
    }

    [Fact]
    public async Task Ingest_many_stores_a_backlog_longer_than_one_append_and_stops_at_a_gap_past_it()
    {
        var (device, grain) = await ProvisionedAsync();
        // 68 hourly blocks (the device's clock starts three days ago): past one append of 64.
        var backlog = Enumerable.Range(0, 68).Select(_ => device.NextBlock()).ToList();
        device.NextBlock();
        backlog.Add(device.NextBlock());

        var results = await grain.IngestManyAsync([.. backlog]);

        results.Should().HaveCount(69);
        results.Take(68).Select(r => r.Height).Should().Equal(Enumerable.Range(0, 68).Select(h => (long)h), "the backlog is written in runs of at most 64, in order");
        results.Take(68).Should().OnlyContain(r => r.Accepted);
        results[68].Should().BeEquivalentTo(new { Accepted = false, Reason = DefectKind.SequenceGap, Height = 68L, Head = backlog[67].Hash });
        var report = await grain.VerifyAsync();
        report.Defects.Should().BeEmpty();
        report.BlocksChecked.Should().Be(68);
    }

    [Fact]
    public async Task Ingest_many_stops_at_the_first_real_rejection()
    {
        var (device, grain) = await ProvisionedAsync();
        var a = device.NextBlock();
        device.NextBlock();
        var c = device.NextBlock();

        var results = await grain.IngestManyAsync([a, c]);

        results.Should().HaveCount(2);
        results[0].Should().BeEquivalentTo(new { Accepted = true, Height = 0L, Head = a.Hash });
        results[1].Should().BeEquivalentTo(new { Accepted = false, Reason = DefectKind.SequenceGap, Height = 1L, Head = a.Hash }, "the rejection names the head the stored block made");
        (await grain.GetHeadAsync()).Height.Should().Be(1);
    }

    [Fact]
    public async Task Provisioning_refuses_certificates_not_meant_for_this_meter()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-prov-" + Guid.NewGuid().ToString("N")[..8], Start);
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        var rogue = new CertificateAuthority(DeviceId.Parse("rogue-root"), SigningKeyPair.Derive("rogue"u8, "root"));
        var concentratorCert = ClusterFixture.Root.Issue(device.Id, DeviceRole.Concentrator, device.Key.PublicKey, Start, Start.AddYears(1));
        var otherCert = new TestDevice(ClusterFixture.Root, "MTR-someone-else", Start).Certificate;

        (await grain.ProvisionAsync(rogue.Issue(device.Id, DeviceRole.Meter, device.Key.PublicKey, Start, Start.AddYears(1)))).Outcome.Should().Be(ProvisionOutcome.BadIssuerSignature);
        (await grain.ProvisionAsync(concentratorCert)).Outcome.Should().Be(ProvisionOutcome.WrongRole);
        (await grain.ProvisionAsync(otherCert)).Outcome.Should().Be(ProvisionOutcome.WrongSubject);
        (await grain.GetStatusAsync()).Provisioned.Should().BeFalse();
        (await grain.ProvisionAsync(device.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        (await grain.ProvisionAsync(device.Certificate)).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown);
    }

    [Fact]
    public async Task Revocation_not_signed_by_the_root_is_refused()
    {
        var (device, grain) = await ProvisionedAsync();
        var rogue = new CertificateAuthority(ClusterFixture.Root.Name, SigningKeyPair.Derive("rogue"u8, "root"));

        var result = await grain.RevokeAsync(rogue.Revoke(device.Certificate, Start, RevocationReason.KeyCompromise));

        result.Outcome.Should().Be(ProvisionOutcome.BadIssuerSignature);
        (await grain.IngestAsync(device.NextBlock())).Accepted.Should().BeTrue();
    }

    [Fact]
    public async Task Grain_with_an_invalid_meter_id_rejects_everything_with_a_reason()
    {
        var grain = fixture.Client.GetGrain<IMeterGrain>("not a meter id!");
        var device = new TestDevice(ClusterFixture.Root, "MTR-valid", Start);

        var result = await grain.IngestAsync(device.NextBlock());

        result.Reason.Should().Be(DefectKind.WrongDevice);
        result.Message.Should().Contain("not a meter id!");
    }
}
