using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;
using SmartGrid.Analytics.Tests.PowerQuality;

namespace SmartGrid.Analytics.Tests.Faults;

public sealed class RegisterFaultDetectorTests
{
    private static readonly GridTopology Topology = new(new Dictionary<string, string>
    {
        ["a"] = "C1", ["b"] = "C1", ["c"] = "C1", ["alone"] = "C2",
    });

    /// <summary>A register from per-interval consumption (Wh), starting at 1000 Wh.</summary>
    private static SampledSeries Register(IEnumerable<double> consumption)
    {
        var total = 1000.0;
        var values = new List<double> { total };
        foreach (var c in consumption)
        {
            total += c;
            values.Add(total);
        }

        return SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(15), values.ToArray());
    }

    private static double[] Varying(int n) => Enumerable.Range(0, n).Select(i => 100.0 + (37 * i % 50)).ToArray();

    private static MeterRegisters Meter(string id, IEnumerable<double> consumption, IEnumerable<double>? export = null, bool generation = false) =>
        new(id, Register(consumption), export is null ? null : Register(export), generation);

    [Theory]
    [InlineData(7, 0)]
    [InlineData(8, 1)]
    public void A_register_still_for_8_intervals_while_neighbours_move_is_stuck(int still, int expected)
    {
        var consumption = Varying(20);
        Array.Fill(consumption, 0.0, 5, still);

        var faults = RegisterFaultDetector.Detect(Topology, [Meter("a", consumption), Meter("b", Varying(20)), Meter("c", Varying(20))]);

        faults.Should().HaveCount(expected);
        if (expected == 1)
        {
            faults[0].Kind.Should().Be(MeterFaultKind.StuckRegister);
            faults[0].MeterId.Should().Be("a");
            faults[0].Start.Should().Be(Series.T0.AddMinutes(15 * 5));
            faults[0].Magnitude.Should().Be(8);
            faults[0].Evidence.Should().Contain("2 of 2 neighbours");
        }
    }

    [Fact]
    public void A_still_register_is_not_stuck_when_the_neighbours_are_still_too_or_absent()
    {
        var idle = Enumerable.Repeat(0.0, 20).ToArray();

        RegisterFaultDetector.Detect(Topology, [Meter("a", idle), Meter("b", idle), Meter("c", idle)]).Should().BeEmpty();
        RegisterFaultDetector.Detect(Topology, [Meter("alone", idle)]).Should().BeEmpty();
    }

    [Fact]
    public void A_pv_household_importing_nothing_while_it_exports_is_not_stuck()
    {
        var still = Enumerable.Repeat(0.0, 20).ToArray();
        var stillExport = Enumerable.Repeat(0.0, 20).ToArray();

        RegisterFaultDetector.Detect(Topology, [Meter("a", still, Varying(20), generation: true), Meter("b", Varying(20)), Meter("c", Varying(20))])
            .Should().BeEmpty("the export register moved over the span");
        RegisterFaultDetector.Detect(Topology, [Meter("a", still, stillExport, generation: true), Meter("b", Varying(20)), Meter("c", Varying(20))])
            .Should().ContainSingle().Which.Should().BeEquivalentTo(new { MeterId = "a", Kind = MeterFaultKind.StuckRegister, Magnitude = 20.0 });
    }

    [Theory]
    [InlineData(23, 0)]
    [InlineData(24, 1)]
    public void Twenty_four_identical_steps_are_a_flat_line(int flat, int expected)
    {
        var consumption = Varying(42);
        Array.Fill(consumption, 250.0, 10, flat);

        var faults = RegisterFaultDetector.Detect(Topology, [Meter("a", consumption)]);

        faults.Where(f => f.Kind == MeterFaultKind.FlatLined).Should().HaveCount(expected);
    }

    [Fact]
    public void An_import_register_running_backwards_is_reversed()
    {
        var consumption = Varying(10);
        consumption[3] = -120;
        consumption[6] = -80;

        var fault = RegisterFaultDetector.Detect(Topology, [Meter("b", consumption)]).Should().ContainSingle().Subject;

        fault.Kind.Should().Be(MeterFaultKind.Reversed);
        fault.Magnitude.Should().Be(200);
        fault.Start.Should().Be(Series.T0.AddMinutes(45));
        fault.End.Should().Be(Series.T0.AddMinutes(105));
    }

    [Fact]
    public void A_rising_export_register_is_reversed_only_without_generation()
    {
        var export = Varying(10);

        RegisterFaultDetector.Detect(Topology, [Meter("c", Varying(10), export)])
            .Should().ContainSingle().Which.Evidence.Should().Contain("without generation");
        RegisterFaultDetector.Detect(Topology, [Meter("c", Varying(10), export, generation: true)]).Should().BeEmpty();
    }

    [Fact]
    public void A_meter_listed_twice_is_rejected()
    {
        var act = () => RegisterFaultDetector.Detect(Topology, [Meter("a", Varying(3)), Meter("a", Varying(3))]);

        act.Should().Throw<AnalyticsInputException>().WithMessage("*listed twice*");
    }
}
