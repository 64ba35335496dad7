using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;
using SmartGrid.Analytics.Tests.PowerQuality;

namespace SmartGrid.Analytics.Tests.Faults;

public sealed class OutageLocalizerTests
{
    // Feeder F1 carries concentrators C1 and C2; C3 is on F2. Four meters under each.
    private static readonly GridTopology Topology = new(
        Enumerable.Range(0, 12).ToDictionary(i => $"m{i:00}", i => $"C{(i / 4) + 1}"),
        new Dictionary<string, string> { ["C1"] = "F1", ["C2"] = "F1", ["C3"] = "F2" });

    private static Dictionary<string, SampledSeries> Voltages(Func<string, int, bool> dark, int steps = 10) =>
        Topology.Meters.ToDictionary(
            m => m,
            m => SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(15), Enumerable.Range(0, steps).Select(i => dark(m, i) ? 0.0 : 231.0).ToArray()));

    [Fact]
    public void A_single_dark_meter_is_a_meter_fault()
    {
        var findings = OutageLocalizer.Locate(Topology, Voltages((m, i) => m == "m05" && i is >= 3 and < 6));

        var finding = findings.Should().ContainSingle().Subject;
        finding.Level.Should().Be(OutageLevel.Meter);
        finding.Id.Should().Be("m05");
        finding.Start.Should().Be(Series.T0.AddMinutes(45));
        finding.End.Should().Be(Series.T0.AddMinutes(90));
        finding.DarkMeters.Should().Equal("m05");
    }

    [Theory]
    [InlineData(2, OutageLevel.Meter)]
    [InlineData(3, OutageLevel.Concentrator)]
    public void Many_meters_dark_at_once_under_one_concentrator_locate_the_concentrator(int darkCount, OutageLevel expected)
    {
        // 2 of 4 is 50 % (below 60 %): two meter faults; 3 of 4 is 75 %: one concentrator outage.
        var darkMeters = Topology.MetersUnder("C3").Take(darkCount).ToHashSet();

        var findings = OutageLocalizer.Locate(Topology, Voltages((m, i) => darkMeters.Contains(m) && i is >= 2 and < 4));

        findings.Should().OnlyContain(f => f.Level == expected);
        if (expected == OutageLevel.Concentrator)
        {
            var finding = findings.Should().ContainSingle().Subject;
            finding.Id.Should().Be("C3");
            finding.DarkMeters.Should().BeEquivalentTo(darkMeters);
            finding.DarkFraction.Should().Be(0.75);
            finding.End.Should().Be(Series.T0.AddMinutes(60));
        }
        else
        {
            findings.Select(f => f.Id).Should().BeEquivalentTo(darkMeters);
        }
    }

    [Fact]
    public void Concentrators_out_together_on_one_feeder_locate_the_feeder()
    {
        var findings = OutageLocalizer.Locate(Topology, Voltages((m, i) => string.CompareOrdinal(m, "m08") < 0 && i == 4));

        var finding = findings.Should().ContainSingle().Subject;
        finding.Level.Should().Be(OutageLevel.Feeder);
        finding.Id.Should().Be("F1");
        finding.DarkMeters.Should().HaveCount(8);
        finding.Evidence.Should().Contain("2 of 2");
    }

    [Fact]
    public void Silent_meters_are_not_dark_and_a_gap_in_an_outage_splits_it()
    {
        var voltages = Voltages((m, i) => m == "m00" && i is 2 or 3 or 5);
        voltages["m01"] = SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(15), Enumerable.Repeat(double.NaN, 10).ToArray());

        var findings = OutageLocalizer.Locate(Topology, voltages);

        findings.Should().HaveCount(2).And.OnlyContain(f => f.Level == OutageLevel.Meter && f.Id == "m00");
        findings[0].End.Should().Be(Series.T0.AddMinutes(60));
        findings[1].Start.Should().Be(Series.T0.AddMinutes(75));
    }

    [Fact]
    public void Meters_outside_the_topology_are_rejected()
    {
        var voltages = Voltages((_, _) => false);
        voltages["stranger"] = Series.Minutes(230, 230);

        ((Action)(() => OutageLocalizer.Locate(Topology, voltages))).Should().Throw<AnalyticsInputException>().WithMessage("*stranger*not in the topology*");
        ((Action)(() => new GridTopology(new Dictionary<string, string>()))).Should().Throw<AnalyticsInputException>();
        ((Action)(() => OutageLocalizer.Locate(Topology, voltages, new FaultDetectionOptions { OutageFraction = 0 })))
            .Should().Throw<AnalyticsInputException>().WithMessage("*fractions*");
    }
}
