using SmartGrid.Cli.Simulating;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Cli.Tests;

/// <summary>How a run's fault verdicts are judged against the faults its scenario injected.</summary>
public sealed class FaultEvaluationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static ChainEvent Verdict(ChainEventKind kind, string meter, double hours) =>
        ChainEvent.Of(kind, DeviceId.Parse(meter), Start.AddHours(hours), 1);

    [Fact]
    public void A_verdict_in_the_window_detects_and_one_elsewhere_is_a_false_alarm()
    {
        FaultTruth[] truths =
        [
            new("MTR-0000001", "stuck", Start.AddHours(10), Start.AddHours(20)),
            new("MTR-0000002", "stuck", Start.AddHours(30), Start.AddHours(40)),
            new("MTR-0000003", "drift", Start, Start.AddDays(21)),
        ];
        ChainEvent[] events =
        [
            Verdict(ChainEventKind.RegisterStuck, "MTR-0000001", 18),
            Verdict(ChainEventKind.RegisterStuck, "MTR-0000001", 12), // earlier verdict of the same fault: the delay counts from it
            Verdict(ChainEventKind.RegisterStuck, "MTR-0000002", 20), // before its fault started: out of its window
            Verdict(ChainEventKind.RegisterStuck, "MTR-0000009", 5), // never faulty
            Verdict(ChainEventKind.MeterDrifting, "MTR-0000003", 24 * 16),
            Verdict(ChainEventKind.VoltageOutOfRange, "MTR-0000004", 3), // not a fault verdict
        ];

        var figures = FaultEvaluation.Evaluate(100, truths, events).ToDictionary(f => f.Kind);

        figures.Keys.Should().Equal("stuck", "flat", "reversed", "drift", "neutral_loss");
        var stuck = figures["stuck"];
        stuck.Should().BeEquivalentTo(new { Verdict = "RegisterStuck", FaultyMeters = 2, Detected = 1, FalseAlarmMeters = 1, OutOfWindow = 1, Verdicts = 4, MedianDelayHours = 2.0, OtherMeters = 98 });
        stuck.DetectionRate.Should().Be(0.5);
        stuck.FalseAlarmRate.Should().BeApproximately(1 / 98.0, 1e-12, "only meters without the fault are false alarms");
        figures["drift"].Should().BeEquivalentTo(new { FaultyMeters = 1, Detected = 1, FalseAlarmMeters = 0, MedianDelayHours = 384.0 });
        figures["flat"].DetectionRate.Should().BeNull("no meter was given the fault");
        figures["flat"].MedianDelayHours.Should().BeNull();
        figures["flat"].FalseAlarmRate.Should().Be(0);
    }

    [Fact]
    public void A_verdict_given_after_the_fault_ended_still_detects_it_within_a_day()
    {
        FaultTruth[] truths = [new("MTR-0000001", "flat", Start, Start.AddHours(6)), new("MTR-0000002", "flat", Start, Start.AddHours(6))];
        ChainEvent[] events = [Verdict(ChainEventKind.RegisterFlatLined, "MTR-0000001", 12), Verdict(ChainEventKind.RegisterFlatLined, "MTR-0000002", 6 + 25)];

        var flat = FaultEvaluation.Evaluate(10, truths, events).Single(f => f.Kind == "flat");

        flat.Detected.Should().Be(1);
        flat.OutOfWindow.Should().Be(1, "a verdict more than a day after the fault ended is not its detection");
        flat.FalseAlarmMeters.Should().Be(0, "nor is it a false alarm on a healthy meter");
    }
}
