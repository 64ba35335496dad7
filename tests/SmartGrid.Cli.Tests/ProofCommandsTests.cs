namespace SmartGrid.Cli.Tests;

/// <summary>`smartgrid ls`, `prove` and `verify-proof` on the data a real run leaves behind.</summary>
public sealed class ProofCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string RootKey => Path.Combine(_cli.DataDirectory, "root.pub");

    private string ProofPath(string name) => Path.Combine(_cli.DataDirectory, name);

    private async Task RunAsync() =>
        (await _cli.RunAsync("--meters", "12", "--days", "1", "--meters-per-concentrator", "3", "--concentrators-per-substation", "2")).ExitCode.Should().Be(0);

    [Fact]
    public async Task Ls_prints_the_node_ids_of_each_tier_one_per_line()
    {
        await RunAsync();

        async Task<string[]> Ls(string tier)
        {
            var (exit, output) = await CliHarness.InvokeAsync("ls", "--data", _cli.DataDirectory, "--tier", tier);
            exit.Should().Be(0, output);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        (await Ls("meter")).Should().Equal(Enumerable.Range(1, 12).Select(i => $"MTR-{i:D7}"));
        (await Ls("concentrator")).Should().Equal("DC-00001", "DC-00002", "DC-00003", "DC-00004");
        (await Ls("substation")).Should().Equal("SUB-001", "SUB-002");
        (await Ls("utility")).Should().Equal("UTILITY");
        (await Ls("appliance")).Should().Equal(Enumerable.Range(1, 12).SelectMany(i => new[] { $"APL-{i:D7}-1", $"APL-{i:D7}-2" }), "two smart appliances per household by default");
    }

    [Fact]
    public async Task A_proof_of_the_latest_reading_and_of_a_given_time_verify_with_the_root_key()
    {
        await RunAsync();

        var latest = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--meter", "MTR-0000005", "--out", ProofPath("latest.proof"));
        latest.ExitCode.Should().Be(0, latest.Output);
        var atTime = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--meter", "MTR-0000005", "--time", FirstDayAt("07:20:00"), "--out", ProofPath("morning.proof"));
        atTime.ExitCode.Should().Be(0, atTime.Output);

        var verified = await CliHarness.InvokeAsync("verify-proof", ProofPath("morning.proof"), "--root-key", RootKey);

        verified.ExitCode.Should().Be(0, verified.Output);
        verified.Output.Should().Contain($"valid: meter MTR-0000005 reading {FirstDayAt("07:15:00")}");
        verified.Output.Should().Contain("concentrator DC-00002#1").And.Contain("substation SUB-001#1").And.Contain("utility UTILITY#1");
        verified.Output.Should().Contain("1-0:32.7.0*255 = ").And.Contain(" Volt");
        (await CliHarness.InvokeAsync("verify-proof", ProofPath("latest.proof"), "--root-key", RootKey)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_proof_with_any_byte_changed_or_under_another_root_key_does_not_verify()
    {
        await RunAsync();
        (await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--meter", "MTR-0000001", "--out", ProofPath("p.proof"))).ExitCode.Should().Be(0);
        var bytes = await File.ReadAllBytesAsync(ProofPath("p.proof"));
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(ProofPath("tampered.proof"), bytes);
        var otherKey = ProofPath("other.pub");
        await File.WriteAllTextAsync(otherKey, SmartGrid.Ledger.Crypto.SigningKeyPair.Generate().PublicKey.ToString());

        var tampered = await CliHarness.InvokeAsync("verify-proof", ProofPath("tampered.proof"), "--root-key", RootKey);
        var foreign = await CliHarness.InvokeAsync("verify-proof", ProofPath("p.proof"), "--root-key", otherKey);

        tampered.ExitCode.Should().Be(1, tampered.Output);
        tampered.Output.Should().StartWith("invalid:");
        foreign.ExitCode.Should().Be(1, foreign.Output);
        foreign.Output.Should().Contain("BadIssuerSignature");
    }

    [Fact]
    public async Task An_appliance_report_is_proven_through_the_meter_block_that_carries_it()
    {
        await RunAsync();

        var proved = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--appliance", "APL-0000005-2", "--time", FirstDayAt("07:20:00"), "--out", ProofPath("washer.proof"));
        proved.ExitCode.Should().Be(0, proved.Output);
        proved.Output.Should().Contain("appliance report APL-0000005-2#1 (").And.Contain("carried by reading");

        var verified = await CliHarness.InvokeAsync("verify-proof", ProofPath("washer.proof"), "--root-key", RootKey);

        verified.ExitCode.Should().Be(0, verified.Output);
        verified.Output.Should().Contain($"valid: meter MTR-0000005 reading {FirstDayAt("06:00:00")}");
        verified.Output.Should().Contain($"carries appliance report APL-0000005-2#1: ").And.Contain($"over {FirstDayAt("06:00:00")}");
        verified.Output.Should().Contain("carries appliance report APL-0000005-1#1: ");
    }

    [Fact]
    public async Task Unknown_appliances_and_uncovered_times_are_named()
    {
        await RunAsync();

        var unknown = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--appliance", "APL-9999999-1", "--out", ProofPath("x.proof"));
        var uncovered = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--appliance", "APL-0000001-1", "--time", "2001-01-01T00:00:00Z", "--out", ProofPath("x.proof"));

        unknown.ExitCode.Should().Be(2, unknown.Output);
        unknown.Output.Should().Contain("no chain for appliance 'APL-9999999-1'");
        uncovered.ExitCode.Should().Be(1, uncovered.Output);
        uncovered.Output.Should().Contain("appliance 'APL-0000001-1' has no stored report covering 2001-01-01");
        File.Exists(ProofPath("x.proof")).Should().BeFalse();
    }

    [Theory]
    [InlineData("prove", "--meter", "MTR-0000001", "--appliance", "APL-0000001-1", "--out", "x.proof")]
    [InlineData("prove", "--out", "x.proof")]
    [InlineData("prove", "--appliance", "bad id", "--out", "x.proof")]
    [InlineData("prove", "--meter", "MTR-0000001", "--time", "yesterday", "--out", "x.proof")]
    [InlineData("prove", "--meter", "bad id with spaces", "--out", "x.proof")]
    [InlineData("ls", "--tier", "feeder")]
    public async Task Bad_arguments_are_bad_input(params string[] args)
    {
        await RunAsync();

        var (exit, output) = await CliHarness.InvokeAsync([.. args.Take(1), "--data", _cli.DataDirectory, .. args.Skip(1)]);

        exit.Should().Be(2, output);
        output.Should().Contain("error:");
    }

    [Fact]
    public async Task Unknown_meters_uncovered_times_and_missing_files_are_named()
    {
        await RunAsync();

        var unknown = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--meter", "MTR-9999999", "--out", ProofPath("x.proof"));
        var uncovered = await CliHarness.InvokeAsync("prove", "--data", _cli.DataDirectory, "--meter", "MTR-0000001", "--time", "2001-01-01T00:00:00Z", "--out", ProofPath("x.proof"));
        var missing = await CliHarness.InvokeAsync("verify-proof", ProofPath("nothing.proof"), "--root-key", RootKey);
        var noData = await CliHarness.InvokeAsync("ls", "--data", ProofPath("no-such-folder"), "--tier", "meter");

        unknown.ExitCode.Should().Be(2);
        unknown.Output.Should().Contain("no chain for meter 'MTR-9999999'");
        uncovered.ExitCode.Should().Be(1);
        uncovered.Output.Should().Contain("no reading of meter 'MTR-0000001' covers 2001-01-01");
        missing.ExitCode.Should().Be(2);
        missing.Output.Should().Contain("cannot read");
        noData.ExitCode.Should().Be(2);
        noData.Output.Should().Contain("no SmartGrid database");
        File.Exists(ProofPath("x.proof")).Should().BeFalse("nothing is written without a proof");
    }

    [Fact]
    public async Task Events_lists_the_verdicts_on_the_chains_and_an_honest_run_has_none()
    {
        await RunAsync();

        var all = await CliHarness.InvokeAsync("events", "--data", _cli.DataDirectory);
        var bad = await CliHarness.InvokeAsync("events", "--data", _cli.DataDirectory, "--kind", "Theft");

        all.ExitCode.Should().Be(0, all.Output);
        all.Output.Trim().Should().Be("0 events", "an honest fleet on 3 % cable losses gives no verdict");
        bad.ExitCode.Should().Be(2);
        bad.Output.Should().Contain("--kind must be one of EnergyImbalance");
    }

    private string FirstDayAt(string time)
    {
        var fleet = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_cli.DataDirectory, "fleet.json")))!;
        var start = DateTimeOffset.Parse(fleet["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        return start.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T" + time;
    }
}
