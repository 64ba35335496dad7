using SmartGrid.Analytics.Attacks;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Simulation.Tests.Scenarios;

public sealed class ScenarioPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static Scenario NewScenario(int meters = 400, double fraction = 0.25, ulong seed = 9) => new()
    {
        Name = "plan",
        Seed = seed,
        Start = Start,
        Days = 4,
        Topology = new ScenarioTopology { Substations = 1, ConcentratorsPerSubstation = 4, MetersPerConcentrator = meters / 4 },
        Attackers = [new AttackerSpec { Types = ["h1", "h6"], Fraction = fraction, FromDay = 2 }],
        Outages = [new OutageSpec { Concentrators = ["DC-00002"], FromHour = 6, Hours = 12 }],
        PowerQuality = [new PowerQualityEventSpec { Kind = "sag", Concentrators = ["DC-00003"], FromHour = 1, Hours = 2, VoltagePercent = 80 }],
    };

    private static int[] Thieves(ScenarioPlan plan) => [.. Enumerable.Range(0, plan.Spec.Meters).Where(i => plan.ConditionsOf(i)?.Attack is not null)];

    [Fact]
    public void The_same_seed_picks_the_same_thieves_and_another_seed_others()
    {
        var a = new ScenarioPlan(NewScenario());
        var b = new ScenarioPlan(NewScenario());
        var c = new ScenarioPlan(NewScenario(seed: 10));

        Thieves(a).Should().Equal(Thieves(b));
        Thieves(a).Select(i => a.ConditionsOf(i)!.Attack).Should().Equal(Thieves(b).Select(i => b.ConditionsOf(i)!.Attack));
        Thieves(c).Should().NotEqual(Thieves(a));
        Thieves(a).Length.Should().BeInRange(70, 130, "a quarter of 400 households, drawn");
        Thieves(a).Select(i => a.ConditionsOf(i)!.Attack).Distinct().Should().BeEquivalentTo(new AttackType?[] { AttackType.H1Scale, AttackType.H6Reversal });
    }

    [Fact]
    public void A_thief_reports_the_truth_before_its_first_day_and_tampers_from_then_on_recording_the_days()
    {
        var plan = new ScenarioPlan(NewScenario());
        var thief = plan.ConditionsOf(Thieves(plan).First(i => plan.ConditionsOf(i)!.Attack == AttackType.H1Scale))!;
        var day = Enumerable.Range(0, 96).Select(t => 0.1 + (t % 7 * 0.05)).ToArray();

        thief.Tamper(Start.AddDays(1), 0, day).Should().BeNull("the attackers start on day 2");
        var stolen = thief.Tamper(Start.AddDays(2), 0, day)!;
        var again = thief.Tamper(Start.AddDays(2), 0, day)!;

        stolen.Should().Equal(again, "each day's attack is drawn from the seed, the meter and the day only");
        var factor = stolen[0] / day[0];
        factor.Should().BeInRange(AttackGenerator.MinimumFactor, AttackGenerator.MaximumFactor);
        stolen.Zip(day).Should().OnlyContain(p => Math.Abs(p.First - (factor * p.Second)) < 1e-9, "h1 scales the whole day by one factor");
        thief.StolenDays.Should().Equal(2);
    }

    [Fact]
    public void Voltage_events_scale_the_voltage_of_their_area_only_inside_their_window()
    {
        var plan = new ScenarioPlan(NewScenario(fraction: 0));
        var inArea = plan.ConditionsOf(2 * 100)!;

        inArea.VoltageFactor(Start.AddHours(1)).Should().Be(0.8);
        inArea.VoltageFactor(Start.AddHours(2.75)).Should().Be(0.8);
        inArea.VoltageFactor(Start.AddHours(3)).Should().Be(1.0);
        inArea.Tamper(Start.AddDays(3), 0, new double[96]).Should().BeNull("nobody steals in this plan");
        plan.ConditionsOf(0).Should().BeNull("nothing happens to DC-00001's meters");
    }

    [Fact]
    public void The_outage_cuts_off_the_uploads_of_its_concentrators_meters_inside_its_window()
    {
        var down = new ScenarioPlan(NewScenario()).FleetConditions().UplinkDown!;

        down(100, Start.AddHours(6)).Should().BeFalse("the upload at 06:00 carries readings up to the outage's start");
        down(100, Start.AddHours(12)).Should().BeTrue();
        down(199, Start.AddHours(18)).Should().BeTrue();
        down(100, Start.AddHours(24)).Should().BeFalse();
        down(0, Start.AddHours(12)).Should().BeFalse("DC-00001 keeps its link");
    }

    [Fact]
    public void The_household_mix_decides_the_archetypes()
    {
        var scenario = NewScenario() with { Households = new HouseholdMix { Mix = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, double>("A2", 1)]) } };

        var plan = new ScenarioPlan(scenario);

        Enumerable.Range(0, 50).Select(plan.ArchetypeOf).Should().OnlyContain(name => name == "A2");
        plan.LoadParameters.Archetypes.Should().ContainSingle().Which.Share.Should().Be(1);
    }
}
