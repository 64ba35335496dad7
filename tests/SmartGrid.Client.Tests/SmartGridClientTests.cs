using System.Collections.Immutable;
using SmartGrid.Contracts.Meters;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Client.Tests;

public sealed class SmartGridClientTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);

    private Task<SmartGridClient> ConnectAsync() => SmartGridClient.ConnectAsync(new SmartGridClientOptions { GatewayPort = silo.GatewayPort, ReadBatchSize = 3 });

    private static MeterBlock Block(DeviceId meter, SigningKeyPair key, ulong serial, ulong sequence, SmartGrid.Ledger.Hashing.Hash256 previous)
    {
        var start = Start.AddHours(sequence);
        var reading = new IntervalReading(start, TimeSpan.FromHours(1), ReadingStatus.None, [1_000 + (long)sequence * 400]);
        return MeterBlock.Create(meter, sequence, serial, previous, start.AddHours(1), new LoadProfile([Channel.ActiveEnergyImportWh], [reading]), key);
    }

    [Fact]
    public async Task A_developer_provisions_submits_reads_and_verifies_over_the_gateway()
    {
        await using var client = await ConnectAsync();
        var meter = DeviceId.Parse("MTR-sdk-" + Guid.NewGuid().ToString("N")[..8]);
        var key = SigningKeyPair.Generate();
        var certificate = silo.Root.Issue(meter, DeviceRole.Meter, key.PublicKey, Start.AddDays(-1), Start.AddYears(1));

        (await client.ProvisionMeterAsync(certificate)).Succeeded.Should().BeTrue();
        var sent = new List<MeterBlock>();
        var previous = SmartGrid.Ledger.Hashing.Hash256.Zero;
        for (ulong i = 0; i < 7; i++)
        {
            var block = Block(meter, key, certificate.Serial, i, previous);
            (await client.SubmitBlockAsync(block)).Accepted.Should().BeTrue();
            sent.Add(block);
            previous = block.Hash;
        }

        var read = new List<MeterBlock>();
        await foreach (var block in client.ReadChainAsync(meter))
        {
            read.Add(block);
        }

        read.Select(b => b.Hash).Should().Equal(sent.Select(b => b.Hash));
        (await client.GetHeadAsync(meter)).Hash.Should().Be(previous);
        (await client.VerifyOnClusterAsync(meter)).IsValid.Should().BeTrue();
        var local = await client.VerifyLocallyAsync(meter, UtilityRootFiles.ReadPublicKey(silo.DataDirectory));
        local.IsValid.Should().BeTrue();
        local.BlocksChecked.Should().Be(7);
    }

    [Fact]
    public async Task A_concentrator_submits_its_meters_blocks_in_one_batch_and_a_bad_one_is_rejected_alone()
    {
        await using var client = await ConnectAsync();
        var meters = Enumerable.Range(0, 3).Select(_ => DeviceId.Parse("MTR-sdk-" + Guid.NewGuid().ToString("N")[..8])).ToArray();
        var keys = meters.Select(m => SigningKeyPair.Derive("client-tests"u8, m.Value)).ToArray();
        var certificates = meters.Select((m, i) => silo.Root.Issue(m, DeviceRole.Meter, keys[i].PublicKey, Start.AddDays(-1), Start.AddYears(1))).ToArray();
        foreach (var certificate in certificates)
        {
            (await client.ProvisionMeterAsync(certificate)).Succeeded.Should().BeTrue();
        }

        var blocks = meters.Select((m, i) => Block(m, keys[i], certificates[i].Serial, 0, SmartGrid.Ledger.Hashing.Hash256.Zero)).ToArray();
        blocks[1] = Block(meters[1], keys[0], certificates[1].Serial, 0, SmartGrid.Ledger.Hashing.Hash256.Zero);

        var results = await client.SubmitBatchAsync(blocks);

        results.Select(r => r.Accepted).Should().Equal(true, false, true);
        results[1].Reason.Should().Be(DefectKind.BadSignature);
        (await client.GetHeadAsync(meters[0])).Hash.Should().Be(blocks[0].Hash);
        (await client.GetHeadAsync(meters[1])).Height.Should().Be(0);
        (await client.GetHeadAsync(meters[2])).Hash.Should().Be(blocks[2].Hash);
    }

    [Fact]
    public async Task A_developer_provisions_an_appliance_whose_reports_the_meter_carries_and_verifies_them_locally()
    {
        await using var client = await ConnectAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var meter = DeviceId.Parse("MTR-sdk-" + suffix);
        var appliance = DeviceId.Parse("APL-sdk-" + suffix);
        var meterKey = SigningKeyPair.Derive("client-tests"u8, meter.Value);
        var applianceKey = SigningKeyPair.Derive("client-tests"u8, appliance.Value);
        var meterCertificate = silo.Root.Issue(meter, DeviceRole.Meter, meterKey.PublicKey, Start.AddDays(-1), Start.AddYears(1));
        var applianceCertificate = silo.Root.Issue(appliance, DeviceRole.Appliance, applianceKey.PublicKey, Start.AddDays(-1), Start.AddYears(1));
        (await client.ProvisionMeterAsync(meterCertificate)).Succeeded.Should().BeTrue();
        (await client.ProvisionApplianceAsync(applianceCertificate)).Succeeded.Should().BeTrue();
        (await client.AttachApplianceAsync(appliance, meter)).Succeeded.Should().BeTrue();

        var first = Block(meter, meterKey, meterCertificate.Serial, 0, SmartGrid.Ledger.Hashing.Hash256.Zero);
        var profile = new LoadProfile([Channel.ActiveEnergyImportWh], [new IntervalReading(Start.AddHours(1), TimeSpan.FromHours(1), ReadingStatus.None, [1_400])]);
        var report = SmartGrid.Ledger.Appliances.ApplianceReport.Create(appliance, meter, 0, applianceCertificate.Serial, default, profile.Start, profile.End, 250, applianceKey);
        var second = MeterBlock.Create(meter, 1, meterCertificate.Serial, first.Hash, profile.End, profile, [report], meterKey);
        (await client.SubmitBlockAsync(first)).Accepted.Should().BeTrue();
        var result = await client.SubmitBlockAsync(second);

        result.Should().BeEquivalentTo(new { Accepted = true, IsFlagged = false }, "250 Wh of the meter's 400 Wh");
        var local = await client.VerifyLocallyAsync(meter, UtilityRootFiles.ReadPublicKey(silo.DataDirectory));
        local.IsValid.Should().BeTrue(string.Join("; ", local.Defects));
        (await client.GetApplianceStatusAsync(appliance)).Household.Should().Be(meter);

        // The meter pushes the report one way after the append: wait for it to land, not for a time.
        for (var attempt = 0; attempt < 500 && (await client.GetApplianceStatusAsync(appliance)).Height < 1; attempt++)
        {
            await Task.Delay(10);
        }

        var chain = new List<SmartGrid.Ledger.Appliances.ApplianceReport>();
        await foreach (var stored in client.ReadApplianceChainAsync(appliance))
        {
            chain.Add(stored);
        }

        chain.Select(r => r.Hash).Should().Equal(report.Hash);
    }

    [Fact]
    public async Task Local_verification_with_the_wrong_root_key_reports_the_untrusted_certificate()
    {
        await using var client = await ConnectAsync();
        var meter = DeviceId.Parse("MTR-sdk-" + Guid.NewGuid().ToString("N")[..8]);
        var key = SigningKeyPair.Generate();
        var certificate = silo.Root.Issue(meter, DeviceRole.Meter, key.PublicKey, Start.AddDays(-1), Start.AddYears(1));
        await client.ProvisionMeterAsync(certificate);
        await client.SubmitBlockAsync(Block(meter, key, certificate.Serial, 0, SmartGrid.Ledger.Hashing.Hash256.Zero));

        var report = await client.VerifyLocallyAsync(meter, SigningKeyPair.Generate().PublicKey);

        report.IsValid.Should().BeFalse();
        report.Defects.Select(d => d.Kind).Should().Equal(DefectKind.BadIssuerSignature, DefectKind.UnknownDevice);
    }

    [Fact]
    public async Task Local_verification_names_a_stored_block_that_no_longer_decodes_and_reading_it_is_a_typed_error()
    {
        await using var client = await ConnectAsync();
        var meter = DeviceId.Parse("MTR-sdk-" + Guid.NewGuid().ToString("N")[..8]);
        var key = SigningKeyPair.Generate();
        var certificate = silo.Root.Issue(meter, DeviceRole.Meter, key.PublicKey, Start.AddDays(-1), Start.AddYears(1));
        await client.ProvisionMeterAsync(certificate);
        var previous = SmartGrid.Ledger.Hashing.Hash256.Zero;
        for (ulong i = 0; i < 5; i++)
        {
            var block = Block(meter, key, certificate.Serial, i, previous);
            await client.SubmitBlockAsync(block);
            previous = block.Hash;
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(silo.DataDirectory, "smartgrid.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tail SET data = substr(data, 1, 20) WHERE node = $node AND height = 2";
            command.Parameters.AddWithValue("$node", meter.Value);
            command.ExecuteNonQuery().Should().Be(1);
        }

        var report = await client.VerifyLocallyAsync(meter, UtilityRootFiles.ReadPublicKey(silo.DataDirectory));

        report.IsValid.Should().BeFalse();
        report.BlocksChecked.Should().Be(5);
        report.Defects.Select(d => (d.Height, d.Kind)).Should().Equal((2L, DefectKind.Malformed), (3L, DefectKind.BrokenLink));
        var read = async () =>
        {
            await foreach (var _ in client.ReadChainAsync(meter))
            {
            }
        };
        (await read.Should().ThrowAsync<SmartGrid.Ledger.Canonical.LedgerFormatException>()).WithMessage("block 2 of meter*");
    }

    [Fact]
    public async Task Blocks_stored_during_an_outage_are_delivered_in_one_call()
    {
        await using var client = await ConnectAsync();
        var meter = DeviceId.Parse("MTR-sdk-" + Guid.NewGuid().ToString("N")[..8]);
        var key = SigningKeyPair.Generate();
        var certificate = silo.Root.Issue(meter, DeviceRole.Meter, key.PublicKey, Start.AddDays(-1), Start.AddYears(1));
        await client.ProvisionMeterAsync(certificate);
        var backlog = new List<MeterBlock>();
        var previous = SmartGrid.Ledger.Hashing.Hash256.Zero;
        for (ulong i = 0; i < 4; i++)
        {
            backlog.Add(Block(meter, key, certificate.Serial, i, previous));
            previous = backlog[^1].Hash;
        }

        ImmutableArray<IngestResult> results = await client.SubmitBlocksAsync(meter, backlog);

        results.Should().HaveCount(4).And.OnlyContain(r => r.Accepted);
        (await client.GetStatusAsync(meter)).Head.Height.Should().Be(4);
    }

    [Fact]
    public async Task Connecting_where_no_silo_listens_fails_with_a_typed_error_naming_the_gateway()
    {
        var port = FreePorts.Next();

        var connect = () => SmartGridClient.ConnectAsync(new SmartGridClientOptions { GatewayPort = port, ConnectTimeout = TimeSpan.FromSeconds(2) });

        (await connect.Should().ThrowAsync<SmartGridConnectionException>()).WithMessage($"*localhost:{port}*");
    }
}
