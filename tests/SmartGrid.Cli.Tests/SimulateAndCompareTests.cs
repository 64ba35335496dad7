using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SmartGrid.Tests.Shared;

namespace SmartGrid.Cli.Tests;

/// <summary>
/// `smartgrid simulate` on the committed smoke scenario (this is how CI runs it), and `smartgrid
/// compare` on two of its runs: the same scenario and seed give the same figures.
/// </summary>
public sealed class SimulateAndCompareTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "smartgrid-tests", "simulate-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<(int ExitCode, string Output)> SimulateAsync(string scenario, string outName, params string[] extra) =>
        CliHarness.InvokeAsync(["simulate", scenario, "--out", Path.Combine(_root, outName), "--silo-port", FreePort(), "--gateway-port", FreePort(), .. extra]);

    private JsonElement Figures(string outName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, outName, "summary.json")));
        return document.RootElement.GetProperty("figures").Clone();
    }

    [Fact]
    public async Task A_consensus_scenario_commits_every_substation_and_utility_block_and_the_audit_checks_their_certificates()
    {
        Directory.CreateDirectory(_root);
        var scenario = Path.Combine(_root, "consensus.json");
        File.WriteAllText(scenario, """
            {
              "name": "consensus-small",
              "seed": 5,
              "start": "2026-01-05T00:00:00Z",
              "days": 1,
              "consensus": true,
              "topology": { "substations": 2, "concentrators_per_substation": 2, "meters_per_concentrator": 3 }
            }
            """);

        var (exit, output) = await SimulateAsync(scenario, "c");

        exit.Should().Be(0, output);
        var figures = Figures("c");
        figures.GetProperty("consensus").GetBoolean().Should().BeTrue();
        figures.GetProperty("blocks_accepted").GetInt64().Should().Be(12 * 4);
        figures.GetProperty("anchoring_errors").GetInt64().Should().Be(0);
        figures.GetProperty("tiers").GetProperty("substation").GetProperty("blocks").GetInt64().Should().Be(2 * 4, "each substation's validators commit one block per upload slot");
        figures.GetProperty("tiers").GetProperty("utility").GetProperty("blocks").GetInt64().Should().Be(4);

        // The PoEf record: what each concentrator's area showed, the scores, the households' rewards.
        var poef = figures.GetProperty("poef");
        poef.GetProperty("certified_blocks").GetProperty("substation").GetInt32().Should().Be(8);
        poef.GetProperty("certified_blocks").GetProperty("utility").GetInt32().Should().Be(4);
        poef.GetProperty("completeness_percent").GetDouble().Should().Be(100);
        poef.GetProperty("loss_percent").GetDouble().Should().BeInRange(2.8, 5, "3 % of 103 % lost, more in the first window");
        poef.GetProperty("absent_area_blocks").GetInt32().Should().Be(0);
        var credits = poef.GetProperty("reward_credits").GetDecimal();
        credits.Should().Be(1_000m * poef.GetProperty("certified_blocks").GetProperty("substation").GetInt32() / 2, "from the third interval on (a baseline window and a window), every substation block hands out 1,000 credits");
        poef.GetProperty("unread_records").GetInt32().Should().Be(0);

        var validators = File.ReadAllLines(Path.Combine(_root, "c", "validators.csv"));
        validators[0].Should().Be("chain_tier,chain,validator,blocks,absent,forecast_error_bp,loss_bp,completeness_bp,score_ppm");
        validators.Skip(1).Should().HaveCount(4 + 2, "four concentrators validate two substations; two substations the utility")
            .And.OnlyContain(line => line.Split(',').Length == 9);
        var rewards = File.ReadAllLines(Path.Combine(_root, "c", "rewards.csv"));
        rewards[0].Should().Be("household,credits,blocks");
        rewards.Skip(1).Sum(line => decimal.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).Should().Be(credits);
        var audit = await CliHarness.InvokeAsync("audit", "--data", Path.Combine(_root, "c", "data"));
        audit.ExitCode.Should().Be(0, audit.Output);
        audit.Output.Should().Contain("commit certificates checked against 3 validator sets stored with the deployment", "two substations' sets and the utility's");
    }

    [Fact]
    public async Task The_faults_scenario_finds_each_injected_meter_fault_on_the_concentrator_chains()
    {
        var (exit, output) = await SimulateAsync(RepositoryFiles.Scenario("faults"), "f");

        exit.Should().Be(0, output);
        var faults = Figures("f").GetProperty("faults");
        foreach (var (kind, verdict) in (ValueTuple<string, string>[])[("stuck", "RegisterStuck"), ("flat", "RegisterFlatLined"), ("reversed", "RegisterReversed"), ("neutral_loss", "NeutralLoss")])
        {
            var figures = faults.GetProperty(kind);
            figures.GetProperty("verdict").GetString().Should().Be(verdict);
            figures.GetProperty("faulty_meters").GetInt32().Should().BePositive(kind);
            figures.GetProperty("detection_rate").GetDouble().Should().Be(1, $"every {kind} meter gets a {verdict} verdict in its window");
        }

        foreach (var kind in (string[])["flat", "reversed", "neutral_loss"])
        {
            faults.GetProperty(kind).GetProperty("false_alarm_meters").GetInt32().Should().Be(0, $"no healthy meter looks {kind}");
        }

        faults.GetProperty("drift").GetProperty("detected").GetInt32().Should().BeGreaterThan(0, "6 % a day over three weeks shows against the cohort");
        output.Should().Contain("meter faults: neutral_loss");

        // Every verdict is a signed event of a concentrator chain, and households.csv names who got what.
        var events = await CliHarness.InvokeAsync(new SynchronizedStringWriter(), 80, CancellationToken.None, "events", "--data", Path.Combine(_root, "f", "data"), "--kind", "NeutralLoss");
        events.ExitCode.Should().Be(0, events.Output);
        events.Output.Should().Contain($"{faults.GetProperty("neutral_loss").GetProperty("verdicts").GetInt32()} events");
        events.Output.Split('\n').Where(line => line.Contains("NeutralLoss", StringComparison.Ordinal)).Should()
            .HaveCount(faults.GetProperty("neutral_loss").GetProperty("verdicts").GetInt32())
            .And.OnlyContain(line => line.StartsWith("concentrator/", StringComparison.Ordinal) && line.Contains(" NeutralLoss MTR-", StringComparison.Ordinal), "one whole line per event on an 80-column console (a pipe)");
        var households = File.ReadAllLines(Path.Combine(_root, "f", "households.csv"));
        households[0].Should().EndWith(",three_phase,fault,fault_from,fault_to,fault_verdicts");
        households.Where(line => line.Contains(",neutral_loss,", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(line => line.EndsWith(",NeutralLoss", StringComparison.Ordinal) && line.Contains(",1,neutral_loss,", StringComparison.Ordinal), "a lost neutral is seen on three-phase meters");
    }

    [Fact]
    public async Task The_smoke_scenario_runs_the_whole_pipeline_writes_its_results_and_repeats_exactly()
    {
        var smoke = RepositoryFiles.Scenario("smoke");
        var (exit, output) = await SimulateAsync(smoke, "a");

        exit.Should().Be(0, output);
        var folder = Path.Combine(_root, "a");
        foreach (var file in (string[])["summary.json", "scenario.json", "tiers.csv", "households.csv", "timeline.csv", "throughput.png", "memory.png", "load-curves.png", "theft-scores.csv", "theft-report.json", "theft-roc.png"])
        {
            File.Exists(Path.Combine(folder, file)).Should().BeTrue(file);
        }

        File.ReadAllBytes(Path.Combine(folder, "load-curves.png")).Take(4).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "a PNG");
        var figures = Figures("a");
        figures.GetProperty("meters").GetInt32().Should().Be(24);
        figures.GetProperty("blocks_accepted").GetInt64().Should().Be(24 * 4 * 3, "4 uploads a day for 3 days, none lost to the outage");
        figures.GetProperty("readings_accepted").GetInt64().Should().Be(24 * 96 * 3);
        figures.GetProperty("uploads_deferred").GetInt64().Should().Be(12, "DC-00002's 12 meters miss the one upload slot inside the 6-hour outage");
        figures.GetProperty("tiers").GetProperty("concentrator").GetProperty("late_deliveries").GetInt64().Should().Be(12, "each forwards its held block late");
        var findings = figures.GetProperty("area_findings");
        findings.GetProperty("AreaOutage").GetInt64().Should().BeGreaterThanOrEqualTo(1, "the fog analytics locate the outage to its concentrator");
        findings.GetProperty("VoltageOutOfRange").GetInt64().Should().BeGreaterThan(0, "the sag under DC-00001 takes the voltage to 85 %");
        var energy = figures.GetProperty("energy");
        var households = File.ReadAllLines(Path.Combine(folder, "households.csv"));
        households.Should().HaveCount(25);
        energy.GetProperty("reported_kwh").GetDouble().Should().BeLessThan(energy.GetProperty("consumed_kwh").GetDouble(), "thieves under-report");
        energy.GetProperty("exported_kwh").GetDouble().Should().BePositive("a third of the households have PV");
        households.Skip(1).Count(line => line.Split(',')[3] != "0").Should().BePositive();
        figures.GetProperty("thieves").GetInt32().Should().BePositive();
        var theft = figures.GetProperty("theft");
        theft.GetProperty("household_days").GetInt32().Should().Be(24 * 3, "every household-day of verified readings is screened");
        theft.TryGetProperty("roc_auc", out _).Should().BeTrue();

        households[0].Should().Be("meter_id,concentrator,archetype,pv_kwp,electric_heating,attack_type,stolen_days,consumed_kwh,reported_kwh,exported_kwh,max_theft_score,theft_alerts,three_phase,fault,fault_from,fault_to,fault_verdicts");
        households.Skip(1).Count(line => line.Split(',')[5].Length > 0).Should().Be(figures.GetProperty("thieves").GetInt32());
        output.Should().Contain("theft alerts");

        var alarms = await CliHarness.InvokeAsync("events", "--data", Path.Combine(folder, "data"), "--kind", "TheftSuspected");
        alarms.ExitCode.Should().Be(0, alarms.Output);
        theft.GetProperty("signed_events").GetInt32().Should().Be(theft.GetProperty("alerts").GetInt32(), "every alarm is about a meter of the concentrator it went to");
        System.Text.RegularExpressions.Regex.Count(alarms.Output, @"TheftSuspected MTR-\d{7}").Should().Be(theft.GetProperty("alerts").GetInt32());

        var audit = await CliHarness.InvokeAsync("audit", "--data", Path.Combine(folder, "data"));
        audit.ExitCode.Should().Be(0, "a scenario's ledger is a normal data folder the auditor accepts\n" + audit.Output);

        (await SimulateAsync(smoke, "b")).ExitCode.Should().Be(0);
        Figures("b").GetRawText().Should().Be(figures.GetRawText(), "the same scenario and seed reproduce every figure");
        File.ReadAllText(Path.Combine(_root, "b", "theft-scores.csv")).Should().Be(File.ReadAllText(Path.Combine(folder, "theft-scores.csv")));

        var compare = await CliHarness.InvokeAsync("compare", folder, Path.Combine(_root, "b"));
        compare.ExitCode.Should().Be(0, compare.Output);
        compare.Output.Should().NotContain("figures.", "no figure differs between the two runs, only performance");
        compare.Output.Should().MatchRegex(@"\d+ of \d+ figures differ");

        var again = await SimulateAsync(smoke, "a");
        again.ExitCode.Should().Be(2, "a result folder is never overwritten");
        again.Output.Should().Contain("already holds a run");
    }

    [Fact]
    public async Task Another_seed_gives_other_figures_and_compare_shows_them()
    {
        var smoke = RepositoryFiles.Scenario("smoke");
        (await SimulateAsync(smoke, "seven")).ExitCode.Should().Be(0);
        (await SimulateAsync(smoke, "eight", "--seed", "8")).ExitCode.Should().Be(0);

        var compare = await CliHarness.InvokeAsync("compare", Path.Combine(_root, "seven"), Path.Combine(_root, "eight"));

        compare.ExitCode.Should().Be(0, compare.Output);
        compare.Output.Should().Contain("figures.energy.consumed_kwh", "other households draw other energy");
        Figures("eight").GetProperty("meters").GetInt32().Should().Be(24);
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "eight", "summary.json"))).RootElement.GetProperty("seed").GetUInt64().Should().Be(8);
    }

    [Fact]
    public async Task A_bad_scenario_is_refused_with_the_field_named_and_nothing_is_written()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "bad.json");
        await File.WriteAllTextAsync(path, File.ReadAllText(RepositoryFiles.Scenario("smoke")).Replace("\"fraction\": 0.2, \"from_day\"", "\"fraction\": 2, \"from_day\"", StringComparison.Ordinal));

        var (exit, output) = await SimulateAsync(path, "bad");

        exit.Should().Be(2, output);
        output.Should().Contain("attackers[0].fraction");
        Directory.Exists(Path.Combine(_root, "bad")).Should().BeFalse();
        (await CliHarness.InvokeAsync("simulate", Path.Combine(_root, "missing.json"))).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Compare_refuses_a_folder_without_a_summary()
    {
        Directory.CreateDirectory(_root);

        var (exit, output) = await CliHarness.InvokeAsync("compare", _root, _root);

        exit.Should().Be(2);
        output.Should().Contain("not a result folder");
    }
}
