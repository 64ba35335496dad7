using SmartGrid.Simulation.Scenarios;
using SmartGrid.Simulation.Tests.Support;
using SmartGrid.Tests.Shared;

namespace SmartGrid.Simulation.Tests.Scenarios;

public sealed class ScenarioFileTests
{
    [Fact]
    public void Every_committed_benchmark_scenario_parses_and_plans()
    {
        var files = RepositoryFiles.Scenarios().ToList();
        files.Select(Path.GetFileNameWithoutExtension).Should().Contain(["smoke", "theft", "outage", "million-day"]);
        foreach (var file in files)
        {
            var scenario = ScenarioFile.Load(file);
            scenario.Name.Should().Be(Path.GetFileNameWithoutExtension(file), "a scenario is named after its file");
            new ScenarioPlan(scenario).Spec.Meters.Should().Be((int)scenario.Topology.Meters);
        }

        ScenarioFile.Load(RepositoryFiles.Scenario("million-day")).Topology.Meters.Should().Be(1_000_000);
    }

    [Fact]
    public void Defaults_are_quarter_hours_four_uploads_a_day_and_no_incidents()
    {
        var scenario = ScenarioFile.Parse(ScenarioJson.Minimal);

        scenario.IntervalsPerDay.Should().Be(96);
        scenario.UploadsPerDay.Should().Be(4);
        scenario.Attackers.Should().BeEmpty();
        scenario.Outages.Should().BeEmpty();
        scenario.End.Should().Be(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero));
        new ScenarioPlan(scenario).Spec.UploadEvery.Should().Be(TimeSpan.FromHours(6));
    }

    [Fact]
    public void A_written_scenario_reads_back_the_same()
    {
        var scenario = ScenarioFile.Load(RepositoryFiles.Scenario("smoke"));

        var again = ScenarioFile.Parse(ScenarioFile.Write(scenario));

        ScenarioFile.Write(again).Should().Be(ScenarioFile.Write(scenario));
        again.Outages.Single().Concentrators.Should().Equal("DC-00002");
    }

    [Fact]
    public void An_unknown_key_is_refused_with_its_path_so_a_typo_never_falls_back_to_a_default()
    {
        var error = ScenarioJson.Refused(ScenarioJson.With("\"atackers\": []"));

        error.Field.Should().Contain("atackers");
        error.Message.Should().StartWith("test.json: ");
    }

    [Theory]
    [InlineData("\"reading_interval_minutes\": 7", "reading_interval_minutes")]
    [InlineData("\"uploads_per_day\": 5", "uploads_per_day")]
    [InlineData("\"attackers\": [{ \"types\": [\"h9\"], \"fraction\": 0.1 }]", "attackers[0].types")]
    [InlineData("\"attackers\": [{ \"types\": [\"h1\"], \"fraction\": 1.5 }]", "attackers[0].fraction")]
    [InlineData("\"attackers\": [{ \"types\": [\"h1\"], \"fraction\": 0.1, \"from_day\": 4 }]", "attackers[0].from_day")]
    [InlineData("\"attackers\": [{ \"types\": [\"h1\"], \"fraction\": 0.6 }, { \"types\": [\"h2\"], \"fraction\": 0.6 }]", "attackers")]
    [InlineData("\"outages\": [{ \"concentrators\": [\"DC-00003\"], \"from_hour\": 1, \"hours\": 2 }]", "outages[0].concentrators")]
    [InlineData("\"outages\": [{ \"concentrators\": [\"DC-00001\"], \"from_hour\": 1, \"hours\": 0 }]", "outages[0].hours")]
    [InlineData("\"power_quality\": [{ \"kind\": \"dip\", \"concentrators\": [\"DC-00001\"], \"from_hour\": 1, \"hours\": 1, \"voltage_percent\": 80 }]", "power_quality[0].kind")]
    [InlineData("\"power_quality\": [{ \"kind\": \"sag\", \"concentrators\": [\"DC-00001\"], \"from_hour\": 1, \"hours\": 1, \"voltage_percent\": 110 }]", "power_quality[0].voltage_percent")]
    [InlineData("\"households\": { \"mix\": { \"A9\": 1 } }", "households.mix.A9")]
    [InlineData("\"households\": { \"mix\": { \"A1\": 0 } }", "households.mix")]
    [InlineData("\"theft_screening\": { \"training_households\": 5 }", "theft_screening.training_households")]
    [InlineData("\"households\": { \"pv\": { \"fraction\": 0.2, \"kwp_min\": 5, \"kwp_max\": 2 } }", "households.pv")]
    [InlineData("\"households\": { \"pv\": { \"fraction\": -0.1 } }", "households.pv.fraction")]
    [InlineData("\"households\": { \"electric_heating\": { \"fraction\": 0.2, \"kw_per_degree\": 0 } }", "households.electric_heating.kw_per_degree")]
    public void A_value_out_of_range_is_refused_naming_its_field(string members, string field)
    {
        ScenarioJson.Refused(ScenarioJson.With(members)).Field.Should().Be(field);
    }

    [Fact]
    public void A_start_that_is_not_midnight_utc_and_a_missing_topology_are_refused()
    {
        ScenarioJson.Refused(ScenarioJson.Minimal.Replace("T00:00:00Z", "T06:00:00Z", StringComparison.Ordinal)).Field.Should().Be("start");
        ScenarioJson.Refused("""{ "name": "t", "seed": 1, "start": "2026-01-05T00:00:00Z", "days": 1 }""").Detail.Should().Contain("topology");
        ScenarioJson.Refused("{ not json").Should().NotBeNull();
        ScenarioJson.Refused("null").Detail.Should().Contain("no scenario");
    }

    [Fact]
    public void A_missing_file_is_a_scenario_error_not_a_crash()
    {
        var error = FluentActions.Invoking(() => ScenarioFile.Load("/nonexistent/scenario.json")).Should().Throw<ScenarioException>().Which;

        error.Source.Should().Be("/nonexistent/scenario.json");
        error.Detail.Should().Contain("cannot be read");
    }
}
