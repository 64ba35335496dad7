using System.Text.RegularExpressions;

namespace SmartGrid.Cli.Tests;

/// <summary>`smartgrid run --thieves`: simulated thieves, and the theft alerts against their ground truth.</summary>
public sealed class RunTheftTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Row(string output, string name) => CliHarness.Row(output, name);

    [Fact]
    public async Task A_run_with_thieves_reports_its_theft_alerts_against_the_ground_truth_and_a_resumed_fleet_keeps_them()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "40", "--days", "3", "--thieves", "0.25", "--appliances-per-household", "0", "--meters-per-concentrator", "20");

        exit.Should().Be(0, output);
        var alerts = Regex.Match(Row(output, "theft alerts"), @"^(\d+) household-days, (\d+) of (\d+) stolen days caught");
        alerts.Success.Should().BeTrue(output);
        var (raised, caught, stolen) = (int.Parse(alerts.Groups[1].Value), int.Parse(alerts.Groups[2].Value), int.Parse(alerts.Groups[3].Value));
        stolen.Should().BeInRange(10, 40, "about a quarter of 40 households steal on days 1 and 2 of the 3 screened");
        caught.Should().BeLessThanOrEqualTo(Math.Min(raised, stolen));
        Row(output, "theft detection").Should().MatchRegex(@"% at .*% false positives, ROC AUC 0\.\d{3}");
        File.ReadAllText(Path.Combine(_cli.DataDirectory, "fleet.json")).Should().Contain("\"thieves\": 0.25");

        var again = await _cli.RunAsync("--days", "1", "--thieves", "0");
        again.ExitCode.Should().Be(0, again.Output);
        Row(again.Output, "theft screening").Should().Contain("at least 3 days", "the resumed fleet keeps its thieves; one day is too short to screen");
    }

    [Fact]
    public async Task The_screening_grain_signs_each_alert_of_a_run_once_on_its_concentrator_chain_and_the_audit_stays_clean()
    {
        var (exit, output) = await _cli.RunAsync("--meters", "40", "--days", "3", "--thieves", "0.25", "--appliances-per-household", "0", "--meters-per-concentrator", "20", "--seed", "5");
        exit.Should().Be(0, output);
        var raised = int.Parse(Regex.Match(Row(output, "theft alerts"), @"^(\d+) household-days").Groups[1].Value);

        var events = await CliHarness.InvokeAsync("events", "--data", _cli.DataDirectory, "--kind", "TheftSuspected");
        var audit = await _cli.AuditAsync();

        events.ExitCode.Should().Be(0, events.Output);
        Regex.Count(events.Output, @"concentrator/DC-\d{5} height \d+: \S+ TheftSuspected MTR-\d{7}").Should().Be(raised, "every alert of the grain's screening is signed once, by its meter's concentrator");
        audit.ExitCode.Should().Be(0, audit.Output);
        audit.Output.Should().Contain(" 0 defects");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public async Task A_share_of_thieves_outside_0_to_1_is_refused(string share)
    {
        var (exit, output) = await _cli.RunAsync("--thieves", share);

        exit.Should().Be(2);
        output.Should().Contain("--thieves");
        Directory.Exists(_cli.DataDirectory).Should().BeFalse("nothing is created for bad input");
    }
}
