using SmartGrid.Client;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests.Tiers;

/// <summary>
/// Provisioning a large area: the concentrator adopts all its meters in one write, and each meter
/// installs its certificate and attaches in one call. The outcome tells a new meter from a known one.
/// </summary>
public sealed class BulkProvisioningClusterTests(TierClusterFixture fixture) : IClassFixture<TierClusterFixture>
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-2);

    private SmartGridClient Client => SmartGridClient.FromGrainFactory(fixture.Client);

    [Fact]
    public async Task A_meter_provisioned_and_attached_in_one_call_uploads_and_is_anchored_like_one_attached_in_two()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 1);
        var concentrator = topology.Concentrators.Single();
        var prefix = topology.Utility.Value[..^"-utility".Length];
        var meters = Enumerable.Range(0, 3).Select(i => new TestDevice(ClusterFixture.Root, $"{prefix}-bulk-{i}", Start)).ToList();

        await Client.AdoptChildrenAsync(DeviceRole.Concentrator, concentrator, meters.Select(m => m.Id));
        var first = await Task.WhenAll(meters.Select(m => Client.ProvisionMeterAsync(m.Certificate, concentrator)));
        var again = await Client.ProvisionMeterAsync(meters[0].Certificate, concentrator);

        first.Should().OnlyContain(r => r.Outcome == ProvisionOutcome.Accepted, "each certificate is new");
        again.Outcome.Should().Be(ProvisionOutcome.AlreadyKnown, "a known meter is told so, to resume from its chain");
        var status = await Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator);
        status.Children.Should().Contain(meters.Select(m => m.Id)).And.Contain(topology.Meters.Single().Id);
        status.Children.Should().HaveCount(4, "adopting again adds nobody twice");

        foreach (var meter in meters)
        {
            (await Client.SubmitBlockAsync(meter.NextBlock())).Accepted.Should().BeTrue();
        }

        (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();
        (await Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator)).AnchorsSealed.Should().Be(3, "the concentrator anchored each new meter's head");
    }

    [Fact]
    public async Task A_refused_certificate_attaches_nothing()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 1);
        var concentrator = topology.Concentrators.Single();
        var prefix = topology.Utility.Value[..^"-utility".Length];
        var wrongRole = new TestDevice(ClusterFixture.Root, $"{prefix}-dc-as-meter", Start, DeviceRole.Concentrator);

        var result = await Client.ProvisionMeterAsync(wrongRole.Certificate, concentrator);

        result.Outcome.Should().Be(ProvisionOutcome.WrongRole);
        (await Client.GetStatusAsync(wrongRole.Id)).Should().Match<MeterStatus>(s => !s.Provisioned);
        (await Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator)).Children.Should().NotContain(wrongRole.Id);
    }
}
