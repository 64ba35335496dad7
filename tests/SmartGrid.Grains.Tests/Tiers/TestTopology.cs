using SmartGrid.Client;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests.Tiers;

/// <summary>A utility, its substations, their concentrators and their meters, provisioned through the SDK.</summary>
public sealed class TestTopology
{
    private TestTopology(string prefix)
    {
        Utility = DeviceId.Parse($"{prefix}-utility");
    }

    public DeviceId Utility { get; }

    public List<DeviceId> Substations { get; } = [];

    public Dictionary<DeviceId, List<DeviceId>> ConcentratorsOf { get; } = [];

    public Dictionary<DeviceId, DeviceId> ConcentratorOfMeter { get; } = [];

    public List<TestDevice> Meters { get; } = [];

    public Dictionary<DeviceId, DeviceCertificate> NodeCertificates { get; } = [];

    public IEnumerable<DeviceId> Concentrators => ConcentratorsOf.Values.SelectMany(c => c);

    public static async Task<TestTopology> ProvisionAsync(SmartGridClient client, DateTimeOffset start, int substations = 2, int concentratorsPerSubstation = 2, int metersPerConcentrator = 13)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        var topology = new TestTopology(prefix);
        await topology.ProvisionNodeAsync(client, topology.Utility, DeviceRole.Utility, null, start);
        for (var s = 0; s < substations; s++)
        {
            var substation = DeviceId.Parse($"{prefix}-sub-{s}");
            topology.Substations.Add(substation);
            topology.ConcentratorsOf[substation] = [];
            await topology.ProvisionNodeAsync(client, substation, DeviceRole.Substation, topology.Utility, start);
            for (var c = 0; c < concentratorsPerSubstation; c++)
            {
                var concentrator = DeviceId.Parse($"{prefix}-dc-{s}-{c}");
                topology.ConcentratorsOf[substation].Add(concentrator);
                await topology.ProvisionNodeAsync(client, concentrator, DeviceRole.Concentrator, substation, start);
                for (var m = 0; m < metersPerConcentrator; m++)
                {
                    var meter = new TestDevice(ClusterFixture.Root, $"{prefix}-m-{s}-{c}-{m:D2}", start);
                    (await client.ProvisionMeterAsync(meter.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
                    (await client.AttachMeterAsync(meter.Id, concentrator)).Outcome.Should().Be(ProvisionOutcome.Accepted);
                    topology.Meters.Add(meter);
                    topology.ConcentratorOfMeter[meter.Id] = concentrator;
                }
            }
        }

        return topology;
    }

    public static SigningKeyPair KeyOf(DeviceId node) => SigningKeyPair.Derive("test-node"u8, node.Value);

    public static DeviceCertificate CertificateOf(DeviceId node, DeviceRole role, DateTimeOffset start) =>
        ClusterFixture.Root.Issue(node, role, KeyOf(node).PublicKey, start.AddYears(-1), start.AddYears(5));

    private async Task ProvisionNodeAsync(SmartGridClient client, DeviceId node, DeviceRole role, DeviceId? parent, DateTimeOffset start)
    {
        var certificate = CertificateOf(node, role, start);
        NodeCertificates[node] = certificate;
        var result = await client.ProvisionNodeAsync(role, certificate, KeyOf(node), parent);
        result.Outcome.Should().Be(ProvisionOutcome.Accepted, result.Message);
    }
}
