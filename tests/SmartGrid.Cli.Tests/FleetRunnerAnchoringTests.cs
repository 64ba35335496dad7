using Microsoft.Extensions.DependencyInjection;
using SmartGrid.Client;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Ledger.Pki;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Time;

namespace SmartGrid.Cli.Tests;

/// <summary>
/// The runner seals the hierarchy tier by tier, each node its own call: a node that cannot seal
/// is counted and keeps its heads, and the rest of the fleet goes on as if nothing happened.
/// </summary>
public sealed class FleetRunnerAnchoringTests : IDisposable
{
    private readonly CliHarness _folder = new();

    [Fact]
    public async Task A_concentrator_that_cannot_seal_is_counted_and_every_other_node_and_meter_carries_on()
    {
        Directory.CreateDirectory(_folder.DataDirectory);
        var root = UtilityRootFiles.LoadOrCreate(_folder.DataDirectory);
        var clock = new SimulationClock();
        var spec = new FleetSpec
        {
            Seed = 7,
            Meters = 6,
            Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            MetersPerConcentrator = 3,
            ConcentratorsPerSubstation = 2,
            AppliancesPerHousehold = 0,
        };
        var profile = new EmbeddedProfileOptions { DataDirectory = _folder.DataDirectory, SiloPort = CliHarness.FreePort(), GatewayPort = CliHarness.FreePort() };
        using var host = await EmbeddedSilo.StartAsync(profile, clock);
        try
        {
            var client = SmartGridClient.FromGrainFactory(host.Services.GetRequiredService<IGrainFactory>());
            var runner = new FleetRunner(client, root, clock, concurrency: 4);
            var fleet = VirtualFleet.Create(spec, FleetHouseholds.For(spec));
            await runner.PrepareAsync(fleet);
            var topology = new FleetTopology(spec);
            var (broken, healthy) = (topology.ConcentratorAt(1), topology.ConcentratorAt(0));

            // The second concentrator loses its signing key before the day starts.
            var certificate = (await client.GetCertificatesAsync(topology.Utility, broken)).Single();
            (await client.RevokeThroughUtilityAsync(topology.Utility, root.Revoke(certificate, spec.Start.AddHours(-1), RevocationReason.KeyCompromise))).Succeeded.Should().BeTrue();

            var report = await runner.RunAsync(fleet, spec.Start.AddDays(1));

            report.BlocksAccepted.Should().Be(24, "every meter's four uploads are verified and chained whatever a concentrator does");
            report.Errors.Should().BeEmpty();
            report.AnchoringErrors.Should().HaveCount(5, "the broken concentrator could not seal in any of the four intervals, nor in the pass that signs the last interval's verdicts")
                .And.OnlyContain(e => e.Contains(broken.Value, StringComparison.Ordinal) && e.Contains("revoked", StringComparison.Ordinal));
            (await client.GetNodeStatusAsync(DeviceRole.Concentrator, healthy)).Height.Should().Be(4);
            (await client.GetNodeStatusAsync(DeviceRole.Concentrator, broken)).Height.Should().Be(0);
            (await client.GetNodeStatusAsync(DeviceRole.Utility, topology.Utility)).Height.Should().Be(4, "the tiers above sealed every interval");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _folder.Dispose();
}
