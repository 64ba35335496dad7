using SmartGrid.Simulation.Scenarios;
using SmartGrid.Simulation.Tests.Support;
using SmartGrid.Tests.Shared;

namespace SmartGrid.Simulation.Tests.Scenarios;

public sealed class MeterFaultScenarioTests
{
    private const string Example = """
        "households": { "three_phase": 0.3 },
        "meter_faults": [
          { "kind": "stuck", "fraction": 0.01, "from_hour": 24, "hours": 12 },
          { "kind": "flat", "meters": ["MTR-0000007"], "from_hour": 30 },
          { "kind": "reversed", "fraction": 0.005, "from_hour": 48 },
          { "kind": "drift", "fraction": 0.01, "from_hour": 0, "percent_per_day": 2 },
          { "kind": "neutral_loss", "fraction": 0.05, "from_hour": 40, "hours": 6, "unbalance_percent": 20 }
        ]
        """;

    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static Scenario Fleet(int meters, double threePhase, params MeterFaultSpec[] faults) => new()
    {
        Name = "faults",
        Seed = 21,
        Start = Start,
        Days = 4,
        Topology = new ScenarioTopology { Substations = 1, ConcentratorsPerSubstation = 4, MetersPerConcentrator = meters / 4 },
        Households = new HouseholdMix { ThreePhase = threePhase },
        MeterFaults = [.. faults],
    };

    private static int[] Faulty(ScenarioPlan plan, string kind) =>
        [.. Enumerable.Range(0, plan.Spec.Meters).Where(i => plan.FaultOf(i)?.Kind == kind)];

    [Fact]
    public void The_documented_keys_parse_with_their_defaults()
    {
        var scenario = ScenarioFile.Parse(ScenarioJson.With(Example));

        scenario.Households!.ThreePhase.Should().Be(0.3);
        scenario.MeterFaults.Select(f => f.Kind).Should().Equal("stuck", "flat", "reversed", "drift", "neutral_loss");
        scenario.MeterFaults[0].Should().BeEquivalentTo(new { Fraction = 0.01, FromHour = 24.0, Hours = 12.0, PercentPerDay = (double?)null, UnbalancePercent = (double?)null });
        scenario.MeterFaults[1].Fraction.Should().BeNull();
        scenario.MeterFaults[1].Meters.Should().Equal("MTR-0000007");
        scenario.MeterFaults[1].Hours.Should().BeNull("no hours: faulty to the end");
        scenario.MeterFaults[3].PercentPerDay.Should().Be(2);
        scenario.MeterFaults[4].UnbalancePercent.Should().Be(20);
        ScenarioFile.Parse(ScenarioJson.Minimal).MeterFaults.Should().BeEmpty();
    }

    [Fact]
    public void A_written_scenario_with_faults_reads_back_the_same_and_keeps_only_the_keys_given()
    {
        var scenario = ScenarioFile.Parse(ScenarioJson.With(Example));

        var text = ScenarioFile.Write(scenario);
        var again = ScenarioFile.Parse(text);

        ScenarioFile.Write(again).Should().Be(text);
        again.MeterFaults.Should().BeEquivalentTo(scenario.MeterFaults, o => o.WithStrictOrdering());
        again.Households!.ThreePhase.Should().Be(0.3);
        text.Should().Contain("\"meter_faults\"").And.Contain("\"three_phase\": 0.3").And.Contain("\"percent_per_day\": 2");
        text.Split("percent_per_day").Should().HaveCount(2, "only the drift group has the key, so the written file passes the per-kind check");
    }

    [Theory]
    [InlineData("\"households\": { \"three_phase\": 1.5 }", "households.three_phase")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"broken\", \"fraction\": 0.1, \"from_hour\": 1 }]", "meter_faults[0].kind")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 1.5, \"from_hour\": 1 }]", "meter_faults[0].fraction")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"from_hour\": 1 }]", "meter_faults[0]")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"meters\": [\"MTR-0000011\"], \"from_hour\": 1 }]", "meter_faults[0].meters")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"meters\": [\"MTR-7\"], \"from_hour\": 1 }]", "meter_faults[0].meters")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"meters\": [\"MTR-0000002\"], \"from_hour\": 1 }, { \"kind\": \"flat\", \"meters\": [\"MTR-0000002\"], \"from_hour\": 1 }]", "meter_faults[1].meters")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.1, \"from_hour\": 96 }]", "meter_faults[0].from_hour")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.1, \"from_hour\": -1 }]", "meter_faults[0].from_hour")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.1, \"from_hour\": 1, \"hours\": 0 }]", "meter_faults[0].hours")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"drift\", \"fraction\": 0.1, \"from_hour\": 1 }]", "meter_faults[0].percent_per_day")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"drift\", \"fraction\": 0.1, \"from_hour\": 1, \"percent_per_day\": 0 }]", "meter_faults[0].percent_per_day")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"drift\", \"fraction\": 0.1, \"from_hour\": 1, \"percent_per_day\": -150 }]", "meter_faults[0].percent_per_day")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.1, \"from_hour\": 1, \"percent_per_day\": 2 }]", "meter_faults[0].percent_per_day")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"flat\", \"fraction\": 0.1, \"from_hour\": 1, \"unbalance_percent\": 20 }]", "meter_faults[0].unbalance_percent")]
    [InlineData("\"households\": { \"three_phase\": 0.5 }, \"meter_faults\": [{ \"kind\": \"neutral_loss\", \"fraction\": 0.1, \"from_hour\": 1, \"unbalance_percent\": 60 }]", "meter_faults[0].unbalance_percent")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"neutral_loss\", \"fraction\": 0.1, \"from_hour\": 1 }]", "meter_faults[0].fraction")]
    [InlineData("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.6, \"from_hour\": 1 }, { \"kind\": \"drift\", \"fraction\": 0.6, \"from_hour\": 1, \"percent_per_day\": 1 }]", "meter_faults")]
    [InlineData("\"households\": { \"three_phase\": 0.5 }, \"meter_faults\": [{ \"kind\": \"neutral_loss\", \"fraction\": 0.7, \"from_hour\": 1 }, { \"kind\": \"neutral_loss\", \"fraction\": 0.7, \"from_hour\": 2 }]", "meter_faults")]
    public void A_bad_fault_value_is_refused_naming_its_field(string members, string field)
    {
        ScenarioJson.Refused(ScenarioJson.With(members)).Field.Should().Be(field);
    }

    [Fact]
    public void An_unknown_or_missing_key_in_a_fault_group_is_refused_with_its_path()
    {
        ScenarioJson.Refused(ScenarioJson.With("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.1, \"from_hour\": 1, \"colour\": 1 }]")).Field.Should().Contain("meter_faults[0]");
        var missing = ScenarioJson.Refused(ScenarioJson.With("\"meter_faults\": [{ \"kind\": \"stuck\", \"fraction\": 0.1 }]"));
        missing.Field.Should().Contain("meter_faults[0]");
        missing.Detail.Should().Contain("from_hour");
    }

    [Fact]
    public void The_same_seed_draws_the_same_three_phase_and_faulty_meters_and_another_seed_others()
    {
        var scenario = Fleet(800, 0.3,
            new MeterFaultSpec { Kind = MeterFaultSpec.Stuck, Fraction = 0.1, FromHour = 24, Hours = 12 },
            new MeterFaultSpec { Kind = MeterFaultSpec.Flat, Fraction = 0.1, FromHour = 30 },
            new MeterFaultSpec { Kind = MeterFaultSpec.NeutralLoss, Fraction = 0.2, FromHour = 40, Hours = 6 });
        var a = new ScenarioPlan(scenario);
        var b = new ScenarioPlan(scenario);
        var c = new ScenarioPlan(scenario with { Seed = 22 });

        Enumerable.Range(0, 800).Select(i => a.FaultOf(i)).Should().Equal(Enumerable.Range(0, 800).Select(i => b.FaultOf(i)));
        Enumerable.Range(0, 800).Select(a.IsThreePhase).Should().Equal(Enumerable.Range(0, 800).Select(b.IsThreePhase));
        Faulty(c, MeterFaultSpec.Stuck).Should().NotEqual(Faulty(a, MeterFaultSpec.Stuck));
        a.ThreePhaseMeters.Should().BeInRange(200, 280, "three tenths of 800, drawn");
        a.FaultyMeters.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["stuck"] = Faulty(a, "stuck").Length, ["flat"] = Faulty(a, "flat").Length, ["reversed"] = 0, ["drift"] = 0, ["neutral_loss"] = Faulty(a, "neutral_loss").Length,
        });
        Faulty(a, MeterFaultSpec.Stuck).Length.Should().BeInRange(50, 110);
        a.FaultOf(Faulty(a, MeterFaultSpec.Stuck)[0]).Should().Be(new PlannedFault("stuck", Start.AddHours(24), Start.AddHours(36)) { Group = 0 });
        var flat = Faulty(a, MeterFaultSpec.Flat).Select(i => a.FaultOf(i)!.FlatWh).ToList();
        flat.Should().OnlyContain(wh => wh >= 20 && wh <= 300);
        flat.Distinct().Count().Should().BeGreaterThan(flat.Count / 2, "each meter's frozen step is its own draw among 281 values");
    }

    [Fact]
    public void Neutral_loss_is_drawn_among_the_three_phase_meters_only_and_its_fraction_is_of_them()
    {
        var plan = new ScenarioPlan(Fleet(1_000, 0.4, new MeterFaultSpec { Kind = MeterFaultSpec.NeutralLoss, Fraction = 0.5, FromHour = 40, Hours = 6, UnbalancePercent = 15 }));

        var neutral = Faulty(plan, MeterFaultSpec.NeutralLoss);

        neutral.Should().OnlyContain(i => plan.IsThreePhase(i));
        ((double)neutral.Length / plan.ThreePhaseMeters).Should().BeInRange(0.42, 0.58);
        plan.FaultOf(neutral[0])!.UnbalancePercent.Should().Be(15);
        plan.FaultOf(neutral[0])!.To.Should().Be(Start.AddHours(46));
    }

    [Fact]
    public void Groups_stack_so_a_meter_has_one_fault_at_most_and_thieves_are_never_drawn()
    {
        var scenario = Fleet(800, 0.5,
            new MeterFaultSpec { Kind = MeterFaultSpec.Stuck, Fraction = 0.3, FromHour = 1 },
            new MeterFaultSpec { Kind = MeterFaultSpec.Reversed, Fraction = 0.3, FromHour = 1 },
            new MeterFaultSpec { Kind = MeterFaultSpec.NeutralLoss, Fraction = 0.5, FromHour = 1 }) with
        {
            Attackers = [new AttackerSpec { Types = ["h1"], Fraction = 0.3 }],
        };
        var plan = new ScenarioPlan(scenario);

        var thieves = Enumerable.Range(0, 800).Where(i => plan.ConditionsOf(i)?.Attack is not null).ToList();

        thieves.Should().NotBeEmpty().And.OnlyContain(i => plan.FaultOf(i) == null, "a thief's days stay clean ground truth for the theft screening");
        var honest = 800 - thieves.Count;
        var faulty = plan.FaultyMeters.Values.Sum();
        faulty.Should().Be(Enumerable.Range(0, 800).Count(i => plan.FaultOf(i) is not null), "each meter is counted under one kind");
        Faulty(plan, MeterFaultSpec.Stuck).Length.Should().BeInRange((int)(honest * 0.2), (int)(honest * 0.3));
        Faulty(plan, MeterFaultSpec.NeutralLoss).Should().OnlyContain(i => plan.IsThreePhase(i));
    }

    [Fact]
    public void Listed_meters_get_their_groups_fault_whatever_the_draw()
    {
        var plan = new ScenarioPlan(Fleet(40, 0, new MeterFaultSpec { Kind = MeterFaultSpec.Flat, Meters = ["MTR-0000007"], FromHour = 30 }));

        var fault = plan.FaultOf(6)!;

        fault.Should().BeEquivalentTo(new { Kind = "flat", From = Start.AddHours(30), To = (DateTimeOffset?)null, Group = 0 });
        fault.FlatWh.Should().BeInRange(20, 300);
        plan.FaultyMeters["flat"].Should().Be(1);
        plan.ConditionsOf(6)!.Fault.Should().BeSameAs(fault);
    }

    [Fact]
    public void A_listed_single_phase_meter_with_a_neutral_loss_is_refused_naming_the_meter()
    {
        var scenario = Fleet(40, 0.3, new MeterFaultSpec { Kind = MeterFaultSpec.NeutralLoss, Meters = ["MTR-0000001"], FromHour = 1 });
        var threePhase = new ScenarioPlan(Fleet(40, 0.3));
        var singleId = $"MTR-{Enumerable.Range(0, 40).First(i => !threePhase.IsThreePhase(i)) + 1:D7}";
        var threeId = $"MTR-{Enumerable.Range(0, 40).First(threePhase.IsThreePhase) + 1:D7}";

        var error = FluentActions.Invoking(() => new ScenarioPlan(scenario with { MeterFaults = [scenario.MeterFaults[0] with { Meters = [singleId] }] }))
            .Should().Throw<ScenarioException>().Which;
        error.Field.Should().Be("meter_faults[0].meters");
        error.Detail.Should().Contain(singleId).And.Contain("single-phase");
        new ScenarioPlan(scenario with { MeterFaults = [scenario.MeterFaults[0] with { Meters = [threeId] }] }).FaultyMeters["neutral_loss"].Should().Be(1);
    }

    [Fact]
    public void Meters_without_faults_theft_or_voltage_events_get_no_conditions_object()
    {
        var healthy = new ScenarioPlan(Fleet(400, 0.3));
        var faulty = new ScenarioPlan(Fleet(400, 0.3, new MeterFaultSpec { Kind = MeterFaultSpec.Drift, Fraction = 0.05, FromHour = 0, PercentPerDay = 2 }));

        Enumerable.Range(0, 400).Should().OnlyContain(i => healthy.ConditionsOf(i) == null, "three-phase meters need no conditions either");
        healthy.FaultyMeters.Values.Should().OnlyContain(n => n == 0);
        Enumerable.Range(0, 400).Count(i => faulty.ConditionsOf(i) is not null).Should().Be(faulty.FaultyMeters["drift"]).And.BePositive();
    }

    [Fact]
    public void The_fleet_of_a_plan_has_its_three_phase_meters_and_faulty_registers()
    {
        var plan = new ScenarioPlan(Fleet(40, 0.3, new MeterFaultSpec { Kind = MeterFaultSpec.Stuck, Meters = ["MTR-0000002"], FromHour = 6, Hours = 12 }));

        var fleet = plan.CreateFleet();

        fleet.Meters.Select(m => m.ThreePhase).Should().Equal(Enumerable.Range(0, 40).Select(plan.IsThreePhase));
        var block = fleet.Meters[1].Seal(Start.AddHours(18), Start.AddHours(18))!;
        block.Profile.Readings.Skip(24).Select(r => r.Values[0]).Distinct().Should().ContainSingle("the register stands still from 06:00 to 18:00");
        block.Profile.Channels.Should().Equal(fleet.Meters[1].RecordedChannels);
    }

    [Fact]
    public void The_committed_faults_scenario_has_a_group_of_every_kind_and_three_weeks()
    {
        var plan = new ScenarioPlan(ScenarioFile.Load(RepositoryFiles.Scenario("faults")));

        plan.Scenario.Days.Should().BeGreaterThanOrEqualTo(15, "drift needs at least 14 daily points after its start");
        plan.FaultyMeters.Should().OnlyContain(p => p.Value > 0, "every kind is present");
        plan.ThreePhaseMeters.Should().BePositive();
    }
}
