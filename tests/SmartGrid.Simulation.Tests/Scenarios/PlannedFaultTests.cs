using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Simulation.Tests.Scenarios;

public sealed class PlannedFaultTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fault_acts_on_the_intervals_starting_in_its_window_only()
    {
        var stuck = new PlannedFault(MeterFaultSpec.Stuck, From, From.AddHours(2));

        stuck.Register(From.AddMinutes(-15), 0.4).Should().Be(0.4);
        stuck.Register(From, 0.4).Should().Be(0);
        stuck.Register(From.AddMinutes(105), 0.4).Should().Be(0);
        stuck.Register(From.AddHours(2), 0.4).Should().Be(0.4, "the window's end is exclusive");
        new PlannedFault(MeterFaultSpec.Stuck, From, null).IsActive(From.AddYears(1)).Should().BeTrue("no end: faulty to the end of the run");
    }

    [Fact]
    public void Each_kind_counts_as_documented()
    {
        new PlannedFault(MeterFaultSpec.Flat, From, null) { FlatWh = 87 }.Register(From, 0.4).Should().Be(0.087);
        new PlannedFault(MeterFaultSpec.Reversed, From, null).Register(From, 0.4).Should().Be(-0.4);
        var drift = new PlannedFault(MeterFaultSpec.Drift, From, null) { PercentPerDay = 2 };
        drift.Register(From, 0.5).Should().Be(0.5);
        drift.Register(From.AddDays(10), 0.5).Should().BeApproximately(0.6, 1e-12);
        new PlannedFault(MeterFaultSpec.Drift, From, null) { PercentPerDay = -50 }.Register(From.AddDays(3), 0.5).Should().Be(0, "never below 0");
        var neutral = new PlannedFault(MeterFaultSpec.NeutralLoss, From, null) { UnbalancePercent = 20 };
        neutral.Register(From, 0.4).Should().Be(0.4, "a lost neutral leaves the energy alone");
        neutral.PhaseFactors(From).Should().Be((1.2, 0.8, 1.0));
        neutral.PhaseFactors(From.AddMinutes(-15)).Should().Be((1.0, 1.0, 1.0));
        drift.PhaseFactors(From).Should().Be((1.0, 1.0, 1.0));
    }
}
