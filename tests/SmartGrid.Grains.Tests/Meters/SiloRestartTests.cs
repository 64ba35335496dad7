using SmartGrid.Contracts.Meters;

namespace SmartGrid.Grains.Tests.Meters;

public sealed class SiloRestartTests
{
    [Fact]
    public async Task Chain_survives_a_silo_restart_on_the_same_data()
    {
        var directory = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "smartgrid.db");
        var device = new TestDevice(ClusterFixture.Root, "MTR-restart", TestTime.Midnight(-2));
        try
        {
            await using (var first = ClusterFixture.CreateCluster(database, pageSize: 3))
            {
                await first.DeployAsync();
                var grain = first.Client.GetGrain<IMeterGrain>(device.Id.Value);
                await grain.ProvisionAsync(device.Certificate);
                for (var i = 0; i < 7; i++)
                {
                    (await grain.IngestAsync(device.NextBlock())).Accepted.Should().BeTrue();
                }

                await first.StopAllSilosAsync();
            }

            await using var second = ClusterFixture.CreateCluster(database, pageSize: 3);
            await second.DeployAsync();
            var reloaded = second.Client.GetGrain<IMeterGrain>(device.Id.Value);

            var status = await reloaded.GetStatusAsync();
            status.Provisioned.Should().BeTrue();
            status.Head.Height.Should().Be(7);
            status.Head.Hash.Should().Be(device.Head);
            var report = await reloaded.VerifyAsync();
            report.IsValid.Should().BeTrue();
            report.BlocksChecked.Should().Be(7);
            (await reloaded.IngestAsync(device.NextBlock())).Accepted.Should().BeTrue();
        }
        finally
        {
            ClusterFixture.DeleteDirectory(directory);
        }
    }
}
