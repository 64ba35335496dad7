using Microsoft.Data.Sqlite;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Grains.Tests.Meters;

[Collection(ClusterCollection.Name)]
public sealed class MeterGrainPersistenceTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-5);

    private static TestDevice NewDevice(string prefix) => new(ClusterFixture.Root, prefix + Guid.NewGuid().ToString("N")[..12], Start);

    [Fact]
    public async Task Chain_is_reloaded_intact_after_deactivation()
    {
        var device = NewDevice("MTR-deact-");
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        await grain.ProvisionAsync(device.Certificate);
        var sent = Enumerable.Range(0, 10).Select(_ => device.NextBlock()).ToArray();
        foreach (var block in sent)
        {
            (await grain.IngestAsync(block)).Accepted.Should().BeTrue();
        }

        await fixture.Cluster.DeactivateAsync(grain);

        var head = await grain.GetHeadAsync();
        head.Height.Should().Be(10);
        head.Hash.Should().Be(device.Head);
        var stored = await grain.GetBlocksAsync(0, 100);
        stored.Select(b => b.Hash).Should().Equal(sent.Select(b => b.Hash), "pages of 4 and the tail read back in order");
        (await grain.VerifyAsync()).IsValid.Should().BeTrue();
        (await grain.IngestAsync(device.NextBlock())).Height.Should().Be(10);
    }

    [Fact]
    public async Task Blocks_are_read_in_ranges_from_window_pages_and_tail()
    {
        var device = NewDevice("MTR-range-");
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        await grain.ProvisionAsync(device.Certificate);
        var sent = Enumerable.Range(0, 11).Select(_ => device.NextBlock()).ToArray();
        foreach (var block in sent)
        {
            await grain.IngestAsync(block);
        }

        (await grain.GetBlocksAsync(3, 5)).Select(b => b.Sequence).Should().Equal(3UL, 4UL, 5UL, 6UL, 7UL);
        (await grain.GetBlocksAsync(9, 100)).Select(b => b.Sequence).Should().Equal(9UL, 10UL);
        (await grain.GetBlocksAsync(11, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Rejection_counts_survive_deactivation()
    {
        var device = NewDevice("MTR-stats-");
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        await grain.ProvisionAsync(device.Certificate);
        var block = device.NextBlock();
        await grain.IngestAsync(block);
        await grain.IngestAsync(block);

        await fixture.Cluster.DeactivateAsync(grain);

        (await grain.GetStatusAsync()).Rejections.Should().ContainKey(DefectKind.Duplicate).WhoseValue.Should().Be(1);
    }

    [Fact]
    public async Task Verification_names_the_height_of_a_block_altered_in_the_store()
    {
        var device = NewDevice("MTR-tamper-");
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        await grain.ProvisionAsync(device.Certificate);
        for (var i = 0; i < 6; i++)
        {
            await grain.IngestAsync(device.NextBlock());
        }

        // Heights 0-3 are sealed in a page; 4 and 5 are tail rows. Alter height 5 in place.
        using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tail SET data = $data WHERE node = $node AND height = 5";
            var block = (await grain.GetBlocksAsync(5, 1))[0];
            var altered = block.ToArray();
            altered[^80] ^= 0x01;
            command.Parameters.AddWithValue("$data", altered);
            command.Parameters.AddWithValue("$node", device.Id.Value);
            command.ExecuteNonQuery().Should().Be(1);
        }

        var report = await grain.VerifyAsync();

        report.IsValid.Should().BeFalse();
        report.Defects.Should().ContainSingle().Which.Height.Should().Be(5);
    }
}
