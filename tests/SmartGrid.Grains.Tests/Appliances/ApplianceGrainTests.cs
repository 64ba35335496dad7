using SmartGrid.Contracts.Appliances;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests.Appliances;

/// <summary>
/// Appliances over a real cluster: provisioned with their own certificates, attached to their
/// household meter, their signed reports carried in the meter's blocks and pushed to their chains.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApplianceGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    private async Task<(TestDevice Meter, IMeterGrain MeterGrain, TestAppliance Washer, IApplianceGrain WasherGrain)> HouseholdAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var meter = new TestDevice(ClusterFixture.Root, "MTR-" + suffix, Start);
        var meterGrain = fixture.Client.GetGrain<IMeterGrain>(meter.Id.Value);
        (await meterGrain.ProvisionAsync(meter.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        var washer = new TestAppliance(ClusterFixture.Root, "APL-" + suffix, meter.Id, Start);
        var washerGrain = fixture.Client.GetGrain<IApplianceGrain>(washer.Id.Value);
        (await washerGrain.ProvisionAsync(washer.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        (await washerGrain.AttachAsync(meter.Id)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        return (meter, meterGrain, washer, washerGrain);
    }

    // Reports over the block's readings after the first (the span the balance covers on a first block too).
    private static Func<Ledger.Metering.LoadProfile, IEnumerable<ApplianceReport>> Reports(TestAppliance appliance, ulong energyWh) =>
        p => [appliance.Next(p.Readings[0].End, p.End, energyWh)];

    private static Task WaitForHeightAsync(IApplianceGrain grain, long height) =>
        TestWait.UntilAsync(async () => (await grain.GetStatusAsync()).Height >= height, $"appliance chain reaches height {height}");

    [Fact]
    public async Task Reports_carried_in_appended_blocks_are_pushed_to_the_appliance_chain()
    {
        var (meter, meterGrain, washer, washerGrain) = await HouseholdAsync();

        for (var i = 0; i < 3; i++)
        {
            var result = await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 50)));
            result.Accepted.Should().BeTrue(result.ToString());
            result.IsFlagged.Should().BeFalse();
        }

        await WaitForHeightAsync(washerGrain, 3);
        var status = await washerGrain.GetStatusAsync();
        status.Should().BeEquivalentTo(new { Provisioned = true, Household = meter.Id, Height = 3L, Head = washer.Head });
        status.Refused.Should().BeEmpty();
        (await meterGrain.GetStatusAsync()).Appliances.Should().Equal(washer.Id);
        (await washerGrain.VerifyAsync()).IsValid.Should().BeTrue();
        (await meterGrain.VerifyAsync()).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task An_appliance_refuses_a_certificate_of_another_role()
    {
        var meter = new TestDevice(ClusterFixture.Root, "MTR-" + Guid.NewGuid().ToString("N")[..12], Start);
        var posing = new TestAppliance(ClusterFixture.Root, "APL-" + Guid.NewGuid().ToString("N")[..12], meter.Id, Start, DeviceRole.Meter);

        var result = await fixture.Client.GetGrain<IApplianceGrain>(posing.Id.Value).ProvisionAsync(posing.Certificate);

        result.Outcome.Should().Be(ProvisionOutcome.WrongRole);
    }

    [Fact]
    public async Task A_meter_does_not_adopt_an_id_without_an_appliance_certificate()
    {
        var (meter, meterGrain, _, _) = await HouseholdAsync();

        var result = await meterGrain.AdoptApplianceAsync(Ledger.Identity.DeviceId.Parse("APL-nobody-" + Guid.NewGuid().ToString("N")[..8]));

        result.Outcome.Should().Be(ProvisionOutcome.UnknownCertificate);
        (await meterGrain.GetStatusAsync()).Appliances.Should().HaveCount(1);
        meter.Should().NotBeNull();
    }

    [Fact]
    public async Task A_block_carrying_a_report_signed_by_the_meter_key_is_rejected_and_nothing_changes()
    {
        var (meter, meterGrain, _, _) = await HouseholdAsync();
        var before = await meterGrain.GetHeadAsync();
        var profile = meter.Profile(4);
        var posing = ApplianceReport.Create(meter.Id, meter.Id, 0, meter.Certificate.Serial, default, profile.Start, profile.End, 10, meter.Key);
        var block = MeterBlock.Create(meter.Id, meter.Sequence, meter.Certificate.Serial, meter.Head, profile.End, profile, [posing], meter.Key);

        var result = await meterGrain.IngestAsync(block);

        result.Accepted.Should().BeFalse();
        result.Reason.Should().Be(DefectKind.WrongRole, result.Message);
        result.Message.Should().Contain("appliance report 0");
        (await meterGrain.GetHeadAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_block_carrying_a_report_of_an_appliance_not_attached_to_this_meter_is_rejected()
    {
        var (meter, meterGrain, _, _) = await HouseholdAsync();
        var stranger = new TestAppliance(ClusterFixture.Root, "APL-" + Guid.NewGuid().ToString("N")[..12], meter.Id, Start);
        (await fixture.Client.GetGrain<IApplianceGrain>(stranger.Id.Value).ProvisionAsync(stranger.Certificate)).Succeeded.Should().BeTrue();

        var result = await meterGrain.IngestAsync(meter.NextBlock(Reports(stranger, 10)));

        result.Reason.Should().Be(DefectKind.UnknownDevice, result.Message);
    }

    [Fact]
    public async Task Appliances_claiming_more_than_the_meter_are_accepted_flagged_counted_and_found_by_verify()
    {
        var (meter, meterGrain, washer, washerGrain) = await HouseholdAsync();

        // The test device's register rises 100+i Wh in quarter-hour i of a block: 306 Wh over readings
        // 1..3 of the first block (no register before it), 406 Wh from the first block's end to the second's.
        var honest = await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 304)));
        var excessive = await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 10_000)));

        honest.Should().BeEquivalentTo(new { Accepted = true, IsFlagged = false });
        excessive.Accepted.Should().BeTrue("the readings are signed facts: the block is kept, and flagged");
        excessive.Excess.Should().Be(new ApplianceExcess { ApplianceWh = 10_000, MeterWh = 406, ToleranceWh = 1 });
        (await meterGrain.GetStatusAsync()).ApplianceExcesses.Should().Be(1);
        var report = await meterGrain.VerifyAsync();
        report.Defects.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Height = 1L, Kind = DefectKind.ApplianceExceedsMeter });
        await WaitForHeightAsync(washerGrain, 2);
    }

    [Fact]
    public async Task After_an_appliance_key_is_revoked_its_meter_refuses_reports_signed_under_it()
    {
        var (meter, meterGrain, washer, washerGrain) = await HouseholdAsync();
        (await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 50)))).Accepted.Should().BeTrue();
        var revocation = ClusterFixture.Root.Revoke(washer.Certificate, meter.Clock, RevocationReason.KeyCompromise);

        (await washerGrain.RevokeAsync(revocation)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        var result = await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 50)));

        result.Reason.Should().Be(DefectKind.CertificateRevoked, result.Message);
        (await washerGrain.RevokeAsync(revocation)).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown);
    }

    [Fact]
    public async Task A_revocation_for_another_appliance_or_an_unknown_serial_is_refused()
    {
        var (meter, _, washer, washerGrain) = await HouseholdAsync();
        var other = new TestAppliance(ClusterFixture.Root, "APL-other-" + Guid.NewGuid().ToString("N")[..8], meter.Id, Start);

        (await washerGrain.RevokeAsync(ClusterFixture.Root.Revoke(other.Certificate, Start, RevocationReason.KeyCompromise))).Outcome.Should().Be(ProvisionOutcome.WrongSubject);
        var neverInstalled = ClusterFixture.Root.Issue(washer.Id, DeviceRole.Appliance, washer.Key.PublicKey, Start.AddYears(-1), Start.AddYears(5), washer.Certificate.Serial + 1);
        (await washerGrain.RevokeAsync(ClusterFixture.Root.Revoke(neverInstalled, Start, RevocationReason.KeyCompromise))).Outcome.Should().Be(ProvisionOutcome.UnknownCertificate);
    }

    [Fact]
    public async Task A_reactivated_meter_still_knows_its_appliances_and_their_certificates()
    {
        var (meter, meterGrain, washer, washerGrain) = await HouseholdAsync();
        (await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 50)))).Accepted.Should().BeTrue();

        await fixture.Cluster.DeactivateAsync(meterGrain);
        await fixture.Cluster.DeactivateAsync(washerGrain);
        var result = await meterGrain.IngestAsync(meter.NextBlock(Reports(washer, 50)));

        result.Accepted.Should().BeTrue(result.ToString());
        (await meterGrain.GetStatusAsync()).Appliances.Should().Equal(washer.Id);
        await WaitForHeightAsync(washerGrain, 2);
        (await washerGrain.GetStatusAsync()).Head.Should().Be(washer.Head);
    }
}
