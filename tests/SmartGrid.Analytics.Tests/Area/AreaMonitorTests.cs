using SmartGrid.Analytics.Area;

namespace SmartGrid.Analytics.Tests.Area;

public sealed class AreaMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Area = ["m1", "m2", "m3", "m4"];

    private static MeterSample Sample(int interval, long register, double? volts = 230) => new(T0.AddMinutes(15 * interval), register, volts);

    // Every meter reads `perInterval` Wh per interval for `intervals` intervals, starting at interval `from`.
    private static void Feed(AreaMonitor monitor, int from, int intervals, long perInterval, double feederFactor, params string[] meters)
    {
        for (var i = from; i < from + intervals; i++)
        {
            foreach (var meter in meters)
            {
                monitor.ObserveMeter(meter, [Sample(i + 1, 10_000 + ((i + 1) * perInterval))]);
            }

            monitor.ObserveFeeder(T0.AddMinutes(15 * i), T0.AddMinutes(15 * (i + 1)), meters.Length * perInterval * feederFactor);
            monitor.CloseInterval(T0.AddMinutes(15 * (i + 1)), Area);
        }
    }

    private static AreaMonitor Primed()
    {
        var monitor = new AreaMonitor("DC-1");
        foreach (var meter in Area)
        {
            monitor.ObserveMeter(meter, [Sample(0, 10_000)]);
        }

        monitor.CloseInterval(T0, Area);
        return monitor;
    }

    [Fact]
    public void Normal_losses_balance_and_nothing_is_flagged()
    {
        var monitor = Primed();

        Feed(monitor, 0, 8, perInterval: 200, feederFactor: 1.03, Area);

        monitor.MeteredWh.Should().Be(4 * 8 * 200);
        monitor.FeederWh.Should().BeApproximately(4 * 8 * 200 * 1.03, 1e-6);
        monitor.LossFraction.Should().BeApproximately(0.03 / 1.03, 1e-9);
        monitor.Verdicts.Should().BeEmpty();
    }

    [Fact]
    public void Energy_the_meters_did_not_record_flags_the_area_just_above_the_threshold()
    {
        var under = Primed();
        var over = Primed();

        // 8 % unmetered is allowed; 8.1 % is not (feeder = metered / (1 - loss)).
        Feed(under, 0, 8, 250, 1 / (1 - 0.08), Area);
        Feed(over, 0, 8, 250, 1 / (1 - 0.081), Area);

        under.Verdicts.Should().NotContain(v => v.Kind == AreaVerdictKind.EnergyImbalance);
        var flagged = over.Verdicts.Where(v => v.Kind == AreaVerdictKind.EnergyImbalance).ToList();
        flagged.Should().NotBeEmpty();
        flagged[^1].Subject.Should().Be("DC-1");
        flagged[^1].Value.Should().BeApproximately(0.081, 1e-9);
        flagged[^1].Evidence.Should().Contain("8.1 % unmetered > 8 %");
    }

    [Fact]
    public void A_meter_silent_alone_is_a_meter_finding_and_its_late_readings_settle_the_balance()
    {
        var monitor = Primed();
        Feed(monitor, 0, 2, 200, 1.03, Area);

        // m4 is cut off for two intervals; its neighbours report; the feeder still sees m4's load.
        for (var i = 2; i < 4; i++)
        {
            foreach (var meter in Area.Take(3))
            {
                monitor.ObserveMeter(meter, [Sample(i + 1, 10_000 + ((i + 1) * 200))]);
            }

            monitor.ObserveFeeder(T0.AddMinutes(15 * i), T0.AddMinutes(15 * (i + 1)), 4 * 200 * 1.03);
            monitor.CloseInterval(T0.AddMinutes(15 * (i + 1)), Area);
        }

        monitor.Verdicts.Should().OnlyContain(v => v.Kind == AreaVerdictKind.MeterSilent && v.Subject == "m4");
        monitor.Verdicts.Should().HaveCount(2, "the balance is not judged while a meter is behind");

        // The link returns: m4 delivers the held readings in order.
        monitor.ObserveMeter("m4", [Sample(3, 10_600), Sample(4, 10_800), Sample(5, 11_000)]);
        foreach (var meter in Area.Take(3))
        {
            monitor.ObserveMeter(meter, [Sample(5, 11_000)]);
        }

        monitor.ObserveFeeder(T0.AddMinutes(60), T0.AddMinutes(75), 4 * 200 * 1.03);
        monitor.CloseInterval(T0.AddMinutes(75), Area).Should().BeEmpty();
        monitor.LossFraction.Should().BeApproximately(0.03 / 1.03, 1e-9);
    }

    [Fact]
    public void The_balance_starts_only_once_every_meter_has_a_reference_reading()
    {
        var monitor = new AreaMonitor("DC-1");
        monitor.ObserveMeter("m1", [Sample(0, 10_000)]);
        monitor.ObserveFeeder(T0.AddMinutes(-15), T0, 5_000);
        monitor.CloseInterval(T0, ["m1", "m2"]);

        monitor.FeederWh.Should().Be(0, "m2 has no reading yet: the energy cannot be split");
        monitor.ObserveMeter("m2", [Sample(0, 20_000)]);
        monitor.CloseInterval(T0, ["m1", "m2"]);
        monitor.ObserveMeter("m1", [Sample(1, 10_300)]);
        monitor.ObserveMeter("m2", [Sample(1, 20_500)]);
        monitor.ObserveFeeder(T0, T0.AddMinutes(15), 824);
        monitor.CloseInterval(T0.AddMinutes(15), ["m1", "m2"]);

        monitor.MeteredWh.Should().Be(800);
        monitor.LossFraction.Should().BeApproximately(24.0 / 824, 1e-12);
    }

    [Fact]
    public void Most_meters_silent_at_once_is_an_area_outage_not_many_meter_faults()
    {
        var monitor = Primed();

        monitor.ObserveMeter("m1", [Sample(1, 10_200)]);
        var verdicts = monitor.CloseInterval(T0.AddMinutes(15), Area);

        verdicts.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = AreaVerdictKind.AreaOutage, Subject = "DC-1", Value = 0.75 });
    }

    [Fact]
    public void A_register_running_backwards_is_flagged_and_not_counted_as_energy()
    {
        var monitor = Primed();

        monitor.ObserveMeter("m2", [Sample(1, 9_700)]);

        monitor.Verdicts.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = AreaVerdictKind.RegisterReversed, Subject = "m2", Value = -300.0 });
        monitor.MeteredWh.Should().Be(0);
    }

    [Theory]
    [InlineData(195.5, false)]
    [InlineData(195.4, true)]
    [InlineData(253.0, false)]
    [InlineData(253.1, true)]
    public void Voltage_is_judged_against_the_en50160_limits_at_their_edges(double volts, bool flagged)
    {
        var monitor = Primed();

        monitor.ObserveMeter("m1", [Sample(1, 10_100, volts)]);

        monitor.Verdicts.Any(v => v.Kind == AreaVerdictKind.VoltageOutOfRange).Should().Be(flagged);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        FluentActions.Invoking(() => new AreaMonitor("")).Should().Throw<AnalyticsInputException>();
        FluentActions.Invoking(() => new AreaMonitor("a", new AreaMonitorOptions { MaxLossFraction = 1.5 })).Should().Throw<AnalyticsInputException>().WithMessage("*MaxLossFraction*");
        FluentActions.Invoking(() => Primed().ObserveFeeder(T0, T0, 10)).Should().Throw<AnalyticsInputException>();
    }
}
