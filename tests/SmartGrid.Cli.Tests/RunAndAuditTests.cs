using Microsoft.Data.Sqlite;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Cli.Tests;

public sealed class RunAndAuditTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Row(string output, string name) => CliHarness.Row(output, name);

    private byte[] ReadBlock(string meter, int height) => _cli.ReadStored(meter, height);

    private void WriteBlock(string meter, int height, byte[] data) => _cli.WriteStored(meter, height, data);

    [Fact]
    public async Task Run_feeds_a_simulated_day_and_prints_the_summary_then_the_audit_is_clean()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "12", "--days", "1");

        exit.Should().Be(0, output);
        Row(output, "meters").Should().Be("12");
        Row(output, "blocks accepted").Should().Be("48", "4 uploads a day");
        Row(output, "readings accepted").Should().Be("1,152", "96 quarter-hours a day");
        Row(output, "blocks rejected").Should().Be("0");
        File.Exists(Path.Combine(_cli.DataDirectory, "root.pub")).Should().BeTrue();

        var audit = await _cli.AuditAsync();
        audit.ExitCode.Should().Be(0, audit.Output);
        Row(output, "concentrator tier").Should().Be("1 nodes, height 4, 4 blocks, 48 anchors", "each upload slot is anchored");
        Row(output, "utility tier").Should().Be("1 nodes, height 4, 4 blocks, 4 anchors");
        Row(output, "late deliveries").Should().Be("0 uploads, 0 blocks");
        Row(output, "area findings").Should().Be("none", "an honest fleet on 3 % cable losses");
        Row(output, "appliance tier").Should().Be("24 nodes, height 4, 96 reports", "two appliances per household, one report each per upload");
        Row(output, "appliance reports accepted").Should().Be("96");
        Row(output, "appliance excess flags").Should().Be("0", "virtual appliances draw at most 75% of their household's energy");
        audit.Output.Should().Contain("meter tier: 12 chains, 48 blocks, 96 appliance reports carried and checked against their appliances' chains");
        audit.Output.Should().Contain("appliance tier: 24 chains, 96 blocks");
        audit.Output.Should().Contain("concentrator tier: 1 chains, 4 blocks, 48 anchors checked against the tier below");
        audit.Output.Should().Contain("audited 39 chains, 156 blocks, 1,152 readings: 0 defects");
    }

    [Fact]
    public async Task Audit_names_the_height_of_a_block_altered_directly_in_the_store()
    {
        (await _cli.RunAsync("--meters", "5", "--days", "1")).ExitCode.Should().Be(0);
        var block = MeterBlock.Decode(ReadBlock("MTR-0000003", 2));
        var reading = block.Profile.Readings[5];
        var altered = MeterBlock.Assemble(block.MeterId, block.Sequence, block.KeySerial, block.Previous, block.Timestamp,
            new SmartGrid.Ledger.Metering.LoadProfile(block.Profile.Channels, block.Profile.Readings.SetItem(5, reading with { Values = reading.Values.SetItem(0, reading.Values[0] - 500) })),
            block.Signature);
        WriteBlock("MTR-0000003", 2, altered.ToArray());

        var (exit, output) = await _cli.AuditAsync();

        exit.Should().Be(1, output);
        output.Should().Contain("meter/MTR-0000003 height 2: BadSignature");
        output.Should().Contain("meter/MTR-0000003 height 3: BrokenLink");
        output.Should().Contain("meter/MTR-0000003 height 2: AnchoredBlockDiffers", "the concentrator anchored the block as it was");

        // The appliance reports the block carried are no longer backed by an authentic meter block.
        output.Should().Contain("appliance/APL-0000003-1 height 2: AnchoredBlockDiffers");
        output.Should().Contain("appliance/APL-0000003-2 height 2: AnchoredBlockDiffers");
        output.Should().Contain("5 defects");
    }

    [Fact]
    public async Task Audit_reports_a_block_whose_bytes_no_longer_decode()
    {
        (await _cli.RunAsync("--meters", "3", "--days", "1")).ExitCode.Should().Be(0);
        var bytes = ReadBlock("MTR-0000001", 1);
        WriteBlock("MTR-0000001", 1, bytes[..^10]);

        var (exit, output) = await _cli.AuditAsync();

        exit.Should().Be(1);
        output.Should().Contain("meter/MTR-0000001 height 1: Malformed");
        output.Should().Contain("meter/MTR-0000001 height 2: BrokenLink");
    }

    [Fact]
    public async Task Keep_running_serves_until_cancelled_then_stops_cleanly()
    {
        var output = new SynchronizedStringWriter();
        using var stop = new CancellationTokenSource();

        var run = _cli.RunAsync(output, stop.Token, "--meters", "2", "--keep-running");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!output.ToString()!.Contains("silo running", StringComparison.Ordinal))
        {
            run.IsCompleted.Should().BeFalse(output.ToString());
            await Task.Delay(50, deadline.Token);
        }

        run.IsCompleted.Should().BeFalse("the silo keeps serving");
        stop.Cancel();
        var (exit, text) = await run;

        exit.Should().Be(0, text);
        text.Should().Contain("stopping");
    }

    [Fact]
    public async Task Audit_reports_a_chain_whose_last_block_was_deleted()
    {
        (await _cli.RunAsync("--meters", "2", "--days", "1")).ExitCode.Should().Be(0);
        using (var connection = new SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM tail WHERE node = 'MTR-0000002' AND height = 3";
            command.ExecuteNonQuery().Should().Be(1);
        }

        var (exit, output) = await _cli.AuditAsync();

        exit.Should().Be(1, output);
        output.Should().Contain("meter/MTR-0000002 height 3: MissingBlocks: the store records 4 blocks");
    }

    [Fact]
    public async Task Audit_of_a_file_that_is_not_a_database_is_bad_input()
    {
        Directory.CreateDirectory(_cli.DataDirectory);
        await File.WriteAllTextAsync(_cli.DatabasePath, "this is not SQLite");
        SmartGrid.Ledger.Crypto.KeyFile.WritePublicKey(Path.Combine(_cli.DataDirectory, "root.pub"), SmartGrid.Ledger.Crypto.SigningKeyPair.Generate().PublicKey);

        var (exit, output) = await _cli.AuditAsync();

        exit.Should().Be(2, output);
        output.Should().Contain("is not a SmartGrid database");
    }

    [Fact]
    public async Task Run_without_the_root_private_key_refuses_and_keeps_the_trust_anchor()
    {
        (await _cli.RunAsync("--meters", "1")).ExitCode.Should().Be(0);
        var publicKey = await File.ReadAllTextAsync(Path.Combine(_cli.DataDirectory, "root.pub"));
        File.Move(Path.Combine(_cli.DataDirectory, "root.key"), Path.Combine(_cli.DataDirectory, "root.key.offline"));

        var (exit, output) = await _cli.RunAsync("--meters", "1");

        exit.Should().Be(2, output);
        output.Should().Contain("root.key is missing");
        (await File.ReadAllTextAsync(Path.Combine(_cli.DataDirectory, "root.pub"))).Should().Be(publicKey);
        File.Exists(Path.Combine(_cli.DataDirectory, "root.key")).Should().BeFalse("no new root is minted");
        (await _cli.AuditAsync()).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_fleet_without_appliances_keeps_version_1_blocks_and_no_appliance_tier()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "3", "--days", "1", "--appliances-per-household", "0");

        exit.Should().Be(0, output);
        output.Should().NotContain("appliance tier");
        Row(output, "appliance reports accepted").Should().Be("0");
        ReadBlock("MTR-0000002", 3)[1].Should().Be(1, "a block without appliance reports stays format version 1");
        (await File.ReadAllTextAsync(Path.Combine(_cli.DataDirectory, "fleet.json"))).Should().Contain("\"appliances_per_household\": 0");
        (await _cli.AuditAsync()).Output.Should().Contain("audited 6 chains, 24 blocks");
    }

    [Fact]
    public async Task A_fleet_file_written_before_appliances_resumes_a_fleet_without_them()
    {
        Directory.CreateDirectory(_cli.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_cli.DataDirectory, "fleet.json"), """
            { "version": 1, "seed": 7, "meters": 2, "start": "2026-03-02T00:00:00+00:00", "interval_seconds": 900, "upload_every_seconds": 21600 }
            """);

        var (exit, output) = await _cli.RunAsync("--meters", "2", "--days", "1", "--appliances-per-household", "5");

        exit.Should().Be(0, output);
        output.Should().NotContain("appliance tier", "the option applies to new fleets; an old file means none");
        ReadBlock("MTR-0000001", 0)[1].Should().Be(1);
    }

    [Fact]
    public async Task Appliances_per_household_out_of_range_is_bad_input()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "2", "--appliances-per-household", "65");

        exit.Should().Be(2, output);
        output.Should().Contain("--appliances-per-household must be within 0..64, not 65");
    }

    [Fact]
    public async Task A_second_run_on_the_same_data_resumes_the_same_fleet()
    {
        (await _cli.RunAsync("--meters", "4", "--days", "1")).ExitCode.Should().Be(0);

        var (exit, output) = await _cli.RunAsync("--meters", "4", "--days", "2");

        exit.Should().Be(0, output);
        Row(output, "blocks accepted").Should().Be("32");
        Row(output, "blocks rejected").Should().Be("0");
        (await _cli.AuditAsync()).Output.Should().Contain("audited 15 chains, 180 blocks", "4 meters, their 8 appliances and 3 tiers, 12 upload slots");
    }

    [Fact]
    public async Task A_second_run_without_meters_keeps_the_fleet_size_with_more_grows_it_and_with_fewer_is_refused()
    {
        (await _cli.RunAsync("--meters", "3", "--days", "1")).ExitCode.Should().Be(0);

        var (exit, output) = await _cli.RunAsync("--days", "1");

        exit.Should().Be(0, output);
        Row(output, "meters").Should().Be("3", "a resumed fleet keeps its size, not --meters' default of 300");
        Row(output, "blocks accepted").Should().Be("12");
        (exit, output) = await _cli.RunAsync("--meters", "5", "--days", "1");
        exit.Should().Be(0, output);
        Row(output, "meters").Should().Be("5", "--meters given on a resumed fleet grows it");

        (exit, output) = await _cli.RunAsync("--meters", "2", "--days", "1");
        exit.Should().Be(2, output);
        output.Should().Contain("has 5 meters; --meters 2 would leave 3 of them silent");
        (await _cli.RunAsync("--days", "1")).ExitCode.Should().Be(0, "the refused run changed nothing");
    }

    [Fact]
    public async Task Two_runs_of_one_day_give_the_same_chains_as_one_run_of_two_days()
    {
        using var once = new CliHarness();
        (await _cli.RunAsync("--meters", "2", "--seed", "5", "--days", "1")).ExitCode.Should().Be(0);
        (await _cli.RunAsync("--meters", "2", "--seed", "5", "--days", "1")).ExitCode.Should().Be(0);
        once.StartLike(_cli);
        (await once.RunAsync("--meters", "2", "--days", "2")).ExitCode.Should().Be(0);

        for (var height = 0; height < 8; height++)
        {
            once.ReadStored("MTR-0000001", height).Should().Equal(ReadBlock("MTR-0000001", height), $"block {height}");
        }
    }

    [Fact]
    public async Task The_same_seed_in_two_folders_produces_the_same_chains()
    {
        using var other = new CliHarness();
        (await _cli.RunAsync("--meters", "3", "--seed", "7")).ExitCode.Should().Be(0);
        (await other.RunAsync("--meters", "3", "--seed", "7")).ExitCode.Should().Be(0);

        for (var height = 0; height < 4; height++)
        {
            other.ReadStored("MTR-0000002", height).Should().Equal(ReadBlock("MTR-0000002", height));
        }
    }

    [Fact]
    public async Task Audit_trusting_another_root_key_rejects_every_certificate()
    {
        (await _cli.RunAsync("--meters", "2", "--days", "1")).ExitCode.Should().Be(0);
        var foreign = Path.Combine(_cli.DataDirectory, "foreign.pub");
        SmartGrid.Ledger.Crypto.KeyFile.WritePublicKey(foreign, SmartGrid.Ledger.Crypto.SigningKeyPair.Generate().PublicKey);

        var (exit, output) = await _cli.AuditAsync("--root-key", foreign);

        exit.Should().Be(1);
        output.Should().Contain("meter/MTR-0000001 height -1: BadIssuerSignature");
        output.Should().Contain("meter/MTR-0000002 height 0: UnknownDevice");
    }

    [Theory]
    [InlineData("audit", "--data", "/nonexistent/smartgrid-folder")]
    [InlineData("run", "--meters", "0")]
    [InlineData("run", "--days", "-1")]
    [InlineData("audit", "--no-such-option")]
    public async Task Bad_input_exits_with_code_2_and_says_what_was_wrong(params string[] args)
    {
        var (exit, output) = await CliHarness.InvokeAsync(args);

        exit.Should().Be(2);
        output.Should().Contain("error:");
    }

    [Fact]
    public async Task An_unreadable_root_key_is_bad_input()
    {
        (await _cli.RunAsync("--meters", "1")).ExitCode.Should().Be(0);
        var garbage = Path.Combine(_cli.DataDirectory, "garbage.pub");
        await File.WriteAllTextAsync(garbage, "not a key");

        var (exit, output) = await _cli.AuditAsync("--root-key", garbage);

        exit.Should().Be(2);
        output.Should().Contain("cannot read the utility root public key");
    }

    [Fact]
    public async Task A_corrupt_fleet_file_is_bad_input_and_nothing_is_touched()
    {
        Directory.CreateDirectory(_cli.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_cli.DataDirectory, "fleet.json"), "{ not json");

        var (exit, output) = await _cli.RunAsync();

        exit.Should().Be(2);
        output.Should().Contain("fleet.json");
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }
}
