using Microsoft.Data.Sqlite;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests.Meters;

[Collection(ClusterCollection.Name)]
public sealed class MeterGrainStoreFaultTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-4);

    private int Execute(string sql, string node)
    {
        using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$node", node);
        return command.ExecuteNonQuery();
    }

    private async Task<(TestDevice Device, IMeterGrain Grain)> WithBlocksAsync(string prefix, int blocks)
    {
        var device = new TestDevice(ClusterFixture.Root, prefix + Guid.NewGuid().ToString("N")[..10], Start);
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        await grain.ProvisionAsync(device.Certificate);
        for (var i = 0; i < blocks; i++)
        {
            (await grain.IngestAsync(device.NextBlock())).Accepted.Should().BeTrue();
        }

        return (device, grain);
    }

    [Fact]
    public async Task A_chain_whose_last_block_was_deleted_refuses_ingest_with_a_typed_reason()
    {
        var (device, grain) = await WithBlocksAsync("MTR-cut-", 3);
        Execute("DELETE FROM tail WHERE node = $node AND height = 2", device.Id.Value).Should().Be(1);
        await fixture.Cluster.DeactivateAsync(grain);

        var result = await grain.IngestAsync(device.NextBlock());

        result.Reason.Should().Be(DefectKind.MissingBlocks, result.Message);
        result.Message.Should().Contain("records 3 blocks").And.Contain("holds 2");
        var report = await grain.VerifyAsync();
        report.Defects.Should().ContainSingle().Which.Kind.Should().Be(DefectKind.MissingBlocks);
    }

    [Fact]
    public async Task A_chain_whose_directory_row_was_deleted_does_not_accept_a_replayed_first_block()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-dir-" + Guid.NewGuid().ToString("N")[..10], Start);
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        await grain.ProvisionAsync(device.Certificate);
        var first = device.NextBlock();
        await grain.IngestAsync(first);
        await grain.IngestAsync(device.NextBlock());
        Execute("DELETE FROM chains WHERE node = $node", device.Id.Value).Should().Be(1);
        await fixture.Cluster.DeactivateAsync(grain);

        var result = await grain.IngestAsync(first);

        result.Accepted.Should().BeFalse();
        result.Reason.Should().Be(DefectKind.MissingBlocks);
    }

    [Fact]
    public async Task Ids_that_were_never_provisioned_do_not_stay_in_memory_after_a_head_query()
    {
        var grains = Enumerable.Range(0, 5).Select(_ => fixture.Client.GetGrain<IMeterGrain>("MTR-ghost-" + Guid.NewGuid().ToString("N")[..10])).ToList();

        foreach (var grain in grains)
        {
            (await grain.GetHeadAsync()).Height.Should().Be(0);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(grains.Select(g => fixture.Cluster.WaitForDeactivationAsync(g))).WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task A_certificate_that_conflicts_with_one_in_the_store_is_refused_and_nothing_is_in_force()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-conflict-" + Guid.NewGuid().ToString("N")[..10], Start);
        var grain = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        (await grain.ProvisionAsync(device.Certificate)).Succeeded.Should().BeTrue();

        // Someone with disk access swaps the stored certificate for one the root never signed.
        var forged = DeviceCertificate.Assemble(device.Certificate.Serial, device.Id, DeviceRole.Meter, SigningKeyPair.Derive("x"u8, "y").PublicKey, Start.AddYears(-1), Start.AddYears(5), device.Certificate.Issuer, device.Certificate.IssuerSignature);
        using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE certificates SET data = $data WHERE subject = $node";
            command.Parameters.AddWithValue("$data", forged.Encoded.ToArray());
            command.Parameters.AddWithValue("$node", device.Id.Value);
            command.ExecuteNonQuery().Should().Be(1);
        }

        await fixture.Cluster.DeactivateAsync(grain);

        var again = await grain.ProvisionAsync(device.Certificate);

        again.Outcome.Should().Be(ProvisionOutcome.Conflict);
        (await grain.GetStatusAsync()).Provisioned.Should().BeFalse("the forged record is not trusted and the genuine one was not stored");
        (await grain.IngestAsync(device.NextBlock())).Reason.Should().Be(DefectKind.UnknownDevice);
    }

    [Fact]
    public async Task A_revocation_is_in_force_after_reactivation()
    {
        var (device, grain) = await WithBlocksAsync("MTR-revoked-", 1);
        await grain.RevokeAsync(ClusterFixture.Root.Revoke(device.Certificate, DateTimeOffset.UtcNow.AddMinutes(-1), RevocationReason.KeyCompromise));

        await fixture.Cluster.DeactivateAsync(grain);

        (await grain.IngestAsync(device.NextBlock())).Reason.Should().Be(DefectKind.CertificateRevoked);
    }
}
