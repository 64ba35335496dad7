using SmartGrid.Analytics.Area;
using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.Area;

public sealed class AreaMonitorFaultTests
{
    private const int PerDay = 96;
    private const int PerSlot = 24;
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One meter's readings: the interval's import energy (Wh), optionally its export energy and the three phase voltages.</summary>
    /// <remarks>A meter with <c>Late</c> delivers each slot's readings one slot late (store-and-forward).</remarks>
    private sealed record Meter(string Id, Func<int, long> Import, Func<int, long>? Export = null, Func<int, (double L1, double L2, double L3)>? Phases = null, bool Late = false);

    /// <summary>
    /// Feeds <paramref name="intervals"/> 15-minute intervals the way the fog grain does: every meter's
    /// readings of a 6-hour slot in one batch, then a close. Interval 0 is the reference reading.
    /// </summary>
    private static AreaMonitor Run(IReadOnlyList<Meter> meters, int intervals, FaultDetectionOptions? faults = null)
    {
        var monitor = new AreaMonitor("DC-1", new AreaMonitorOptions { Faults = faults ?? FaultDetectionOptions.Default });
        var area = meters.Select(m => m.Id).ToArray();
        var import = meters.ToDictionary(m => m.Id, _ => 50_000L);
        var export = meters.ToDictionary(m => m.Id, _ => 7_000L);
        var held = meters.ToDictionary(m => m.Id, _ => new List<MeterSample>());
        for (var from = 0; from <= intervals;)
        {
            var to = Math.Min(intervals, from == 0 ? PerSlot : from + PerSlot - 1);
            foreach (var meter in meters)
            {
                var samples = new List<MeterSample>();
                for (var i = from; i <= to; i++)
                {
                    if (i > 0)
                    {
                        import[meter.Id] += meter.Import(i);
                        export[meter.Id] += meter.Export?.Invoke(i) ?? 0;
                    }

                    var phases = meter.Phases?.Invoke(i);
                    samples.Add(new MeterSample(T0.AddMinutes(15 * i), import[meter.Id], phases?.L1 ?? 230, meter.Export is null ? null : export[meter.Id], phases?.L2, phases?.L3));
                }

                if (meter.Late)
                {
                    (samples, held[meter.Id]) = (held[meter.Id], samples);
                }

                monitor.ObserveMeter(meter.Id, samples);
            }

            monitor.CloseInterval(T0.AddMinutes(15 * to), area);
            from = to + 1;
        }

        return monitor;
    }

    /// <summary>A household's import in interval <c>i</c>: a daily shape with seeded noise, never below 20 Wh.</summary>
    private static Func<int, long> Household(int seed, double size = 1.0, Func<int, double>? factor = null)
    {
        var random = new Random(seed);
        var noise = Enumerable.Range(0, 40 * PerDay).Select(_ => 0.6 + (0.8 * random.NextDouble())).ToArray();
        var daily = Enumerable.Range(0, 40).Select(_ => 0.85 + (0.3 * random.NextDouble())).ToArray();
        return i => Math.Max(20, (long)Math.Round(size * 150 * (1 + (0.5 * Math.Sin(2 * Math.PI * (i % PerDay) / PerDay))) * noise[i] * daily[(i - 1) / PerDay] * (factor?.Invoke(i) ?? 1)));
    }

    private static Meter[] Neighbours(int count, int from = 1) =>
        Enumerable.Range(from, count).Select(m => new Meter($"m{m}", Household(m))).ToArray();

    private static List<AreaVerdict> Of(AreaMonitor monitor, AreaVerdictKind kind) => monitor.Verdicts.Where(v => v.Kind == kind).ToList();

    [Fact]
    public void A_meter_that_stops_among_moving_neighbours_is_stuck_once_per_episode()
    {
        // m0 moves for 10 intervals, stands still to interval 130, moves once, then stands still again.
        var moving = Household(0);
        var m0 = new Meter("m0", i => i <= 10 || i == 131 ? moving(i) : 0);

        var monitor = Run([m0, .. Neighbours(4)], 2 * PerDay);

        var stuck = Of(monitor, AreaVerdictKind.RegisterStuck);
        stuck.Should().HaveCount(2).And.OnlyContain(v => v.Subject == "m0");
        stuck[0].Time.Should().Be(T0.AddMinutes(15 * 24), "the first close after 8 still intervals judges it");
        stuck[0].Value.Should().Be(14);
        stuck[0].Evidence.Should().Contain("unchanged for 14 intervals while 4 of 4 neighbours' registers moved");
        stuck[1].Time.Should().Be(T0.AddMinutes(15 * 144));
        stuck[1].Value.Should().Be(13);
        monitor.Counts.Should().ContainKey(AreaVerdictKind.RegisterStuck).WhoseValue.Should().Be(2);
    }

    [Fact]
    public void A_pv_household_importing_nothing_while_it_exports_is_not_stuck()
    {
        var pv = new Meter("m0", _ => 0, Export: i => 120 + (i % 7));

        var monitor = Run([pv, .. Neighbours(4)], PerDay);

        monitor.Verdicts.Should().BeEmpty();
    }

    [Fact]
    public void Meters_still_together_at_night_are_not_stuck()
    {
        // Every meter stands still for the first 6-hour slot and moves from then on.
        var meters = Enumerable.Range(0, 5).Select(m => new Meter($"m{m}", i => i <= PerSlot ? 0 : Household(m)(i))).ToArray();

        var monitor = Run(meters, PerDay);

        monitor.Verdicts.Should().BeEmpty();
    }

    [Fact]
    public void A_still_meter_without_neighbour_data_is_not_judged()
    {
        var monitor = Run([new Meter("m0", _ => 0)], PerDay);

        monitor.Verdicts.Should().BeEmpty();
    }

    [Theory]
    [InlineData(23, 0)]
    [InlineData(24, 1)]
    [InlineData(40, 1)]
    public void Twenty_four_identical_import_steps_are_one_flat_line(int flat, int expected)
    {
        var varying = Household(0);
        var m0 = new Meter("m0", i => i > 20 && i <= 20 + flat ? 250 : varying(i));

        var monitor = Run([m0, .. Neighbours(4)], PerDay);

        var verdicts = Of(monitor, AreaVerdictKind.RegisterFlatLined);
        verdicts.Should().HaveCount(expected);
        monitor.Verdicts.Should().HaveCount(expected, "nothing else is wrong");
        if (expected == 1)
        {
            verdicts[0].Should().BeEquivalentTo(new { Subject = "m0", Time = T0.AddMinutes(15 * 44), Value = 24.0 });
            verdicts[0].Evidence.Should().Be("import register advanced by exactly 250 Wh in each of 24 intervals");
        }
    }

    [Fact]
    public void A_meter_running_backwards_all_day_is_reversed_once_until_it_runs_forward_again()
    {
        var m0 = new Meter("m0", i => i is > 4 and <= PerDay + 4 || i > PerDay + 10 ? -(100 + (i % 13)) : 0 < i && i <= 4 ? 80 : 60);

        var monitor = Run([m0, .. Neighbours(4)], 2 * PerDay);

        var reversed = Of(monitor, AreaVerdictKind.RegisterReversed);
        reversed.Should().HaveCount(2, "one for the first day, one after it ran forward in intervals 101-106");
        reversed.Should().OnlyContain(v => v.Subject == "m0");
        reversed[0].Time.Should().Be(T0.AddMinutes(15 * 5));
        reversed[0].Value.Should().Be(-(100 + 5));
        reversed[1].Time.Should().Be(T0.AddMinutes(15 * (PerDay + 11)));
        monitor.Verdicts.Should().HaveCount(2, "a register running backwards is moving, not stuck");
    }

    [Fact]
    public void Zero_steps_do_not_end_a_reversed_episode()
    {
        var m0 = new Meter("m0", i => i % 3 == 0 ? -50 : 0);

        var monitor = Run([m0, .. Neighbours(2)], PerDay);

        Of(monitor, AreaVerdictKind.RegisterReversed).Should().ContainSingle();
    }

    [Fact]
    public void A_meter_drifting_3_percent_a_day_among_noisy_households_is_found_and_only_it()
    {
        var weather = new Random(99);
        var shared = Enumerable.Range(0, 40).Select(_ => 0.7 + (0.6 * weather.NextDouble())).ToArray();
        var meters = Enumerable.Range(0, 10)
            .Select(m => new Meter($"m{m}", Household(100 + m, 0.7 + (0.1 * m), i => shared[(i - 1) / PerDay] * (m == 0 ? Math.Pow(1.03, (i - 1) / PerDay) : 1))))
            .ToArray();

        var monitor = Run(meters, 21 * PerDay);

        var drift = monitor.Verdicts.Should().ContainSingle().Subject;
        drift.Kind.Should().Be(AreaVerdictKind.MeterDrifting);
        drift.Subject.Should().Be("m0");
        drift.Time.Should().Be(T0.AddDays(14), "the 14th day point is the first the rule may judge");
        drift.Value.Should().BeInRange(0.35, 0.60, "1.03^13 - 1 = 0.47 over the 13 days between the first and the 14th point");
        drift.Evidence.Should().Contain("14 periods");
    }

    [Fact]
    public void A_meter_whose_days_always_arrive_after_the_close_that_takes_them_gets_no_drift_points()
    {
        var weather = new Random(99);
        var shared = Enumerable.Range(0, 40).Select(_ => 0.7 + (0.6 * weather.NextDouble())).ToArray();
        var meters = Enumerable.Range(0, 10)
            .Select(m => new Meter($"m{m}", Household(100 + m, 0.7 + (0.1 * m), i => shared[(i - 1) / PerDay] * (m == 0 ? Math.Pow(1.03, (i - 1) / PerDay) : 1)), Late: m == 0))
            .ToArray();

        var monitor = Run(meters, 21 * PerDay);

        monitor.Verdicts.Should().NotContain(v => v.Kind == AreaVerdictKind.MeterDrifting, "the same drift as above, but m0's day is never whole at the close that takes it");
        monitor.Verdicts.Should().BeEmpty("a late meter that reports (if only an empty batch) is neither silent nor stuck");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void An_honest_noisy_cohort_over_three_weeks_raises_nothing(int seed)
    {
        var weather = new Random(seed);
        var shared = Enumerable.Range(0, 40).Select(_ => 0.7 + (0.6 * weather.NextDouble())).ToArray();
        var meters = Enumerable.Range(0, 10)
            .Select(m => new Meter($"m{m}", Household((seed * 100) + m, 0.7 + (0.1 * m), i => shared[(i - 1) / PerDay])))
            .ToArray();

        var monitor = Run(meters, 21 * PerDay);

        monitor.Verdicts.Should().BeEmpty();
    }

    [Fact]
    public void A_broken_neutral_gives_one_verdict_per_episode_with_the_unbalance()
    {
        (double, double, double) Phases(int i) => i is >= 10 and < 14 or >= 50 and < 52 ? (262, 231, 195) : (231, 229, 230);
        var m0 = new Meter("m0", Household(0), Phases: Phases);

        var monitor = Run([m0, .. Neighbours(2)], PerDay);

        var neutral = Of(monitor, AreaVerdictKind.NeutralLoss);
        neutral.Should().HaveCount(2).And.OnlyContain(v => v.Subject == "m0");
        neutral[0].Time.Should().Be(T0.AddMinutes(15 * 10));
        neutral[0].Value.Should().BeApproximately(VoltageUnbalance.FromPhaseVoltages(262, 231, 195), 1e-12);
        neutral[0].Evidence.Should().Contain("L1 262 V, L2 231 V, L3 195 V").And.Contain("unbalance");
        neutral[1].Time.Should().Be(T0.AddMinutes(15 * 50));
    }

    [Theory]
    [InlineData(200.0, 200.0, 200.0)]
    [InlineData(262.0, 160.0, 200.0)]
    [InlineData(253.0, 190.0, 237.0)]
    public void A_supply_wide_sag_or_a_mild_unbalance_is_not_neutral_loss(double l1, double l2, double l3)
    {
        var m0 = new Meter("m0", Household(0), Phases: _ => (l1, l2, l3));

        var monitor = Run([m0, .. Neighbours(2)], PerDay);

        Of(monitor, AreaVerdictKind.NeutralLoss).Should().BeEmpty();
    }

    [Fact]
    public void A_single_phase_meter_is_not_judged_for_neutral_loss()
    {
        var monitor = new AreaMonitor("DC-1");

        monitor.ObserveMeter("m0", [new MeterSample(T0, 100, 262, VoltageL2: 195)]);

        monitor.Verdicts.Should().NotContain(v => v.Kind == AreaVerdictKind.NeutralLoss);
    }

    [Fact]
    public void A_meters_state_stays_under_200_bytes()
    {
        var sample = new MeterSample(T0, 1_000, 230, 500);
        GC.KeepAlive(new MeterTrack(sample));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var track = new MeterTrack(sample);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        GC.KeepAlive(track);
        bytes.Should().BeInRange(1, 199);
    }

    [Fact]
    public void Bad_fault_rules_are_named()
    {
        var act = () => new AreaMonitor("DC-1", new AreaMonitorOptions { Faults = new FaultDetectionOptions { StuckIntervals = 1 } });

        act.Should().Throw<AnalyticsInputException>().WithMessage("*interval counts*");
    }

    [Fact]
    public void One_odd_reading_does_not_set_a_meters_step_for_good()
    {
        // A clock resynchronised once: one reading a minute after the previous, then quarter-hours again.
        var monitor = new AreaMonitor("DC-1");
        var register = 10_000L;
        var time = T0;
        var samples = new List<MeterSample> { new(time, register, 230) };
        time = time.AddMinutes(1);
        samples.Add(new MeterSample(time, register += 3, 230));
        for (var i = 0; i < 30; i++)
        {
            time = time.AddMinutes(15);
            samples.Add(new MeterSample(time, register += 250, 230));
        }

        monitor.ObserveMeter("m0", samples);

        monitor.TakeNew().Should().ContainSingle().Which.Kind.Should().Be(AreaVerdictKind.RegisterFlatLined, "24 equal quarter-hours after the odd minute are a flat line");
    }

    [Fact]
    public void A_meter_that_left_the_area_keeps_no_state_there()
    {
        var monitor = new AreaMonitor("DC-1");
        monitor.ObserveMeter("m0", [new MeterSample(T0, 1_000, 230), new MeterSample(T0.AddMinutes(15), 1_100, 230)]);
        monitor.ObserveMeter("m1", [new MeterSample(T0, 5_000, 230), new MeterSample(T0.AddMinutes(15), 5_100, 230)]);
        monitor.CloseInterval(T0.AddMinutes(15), ["m1"]);

        // Back under this concentrator later, m0 starts afresh: a lower register is its first reading, not a reversal.
        monitor.ObserveMeter("m0", [new MeterSample(T0.AddDays(3), 400, 230)]);

        monitor.TakeNew().Should().NotContain(v => v.Kind == AreaVerdictKind.RegisterReversed);
    }

    [Fact]
    public void Meters_with_only_their_first_reading_do_not_count_as_moving_neighbours()
    {
        // m0 and m1 stand still for 3 hours; three meters then appear, each with one reading.
        var monitor = new AreaMonitor("DC-1");
        MeterSample[] Still(long register) => [.. Enumerable.Range(0, 13).Select(i => new MeterSample(T0.AddMinutes(15 * i), register, 230))];
        monitor.ObserveMeter("m0", Still(1_000));
        monitor.ObserveMeter("m1", Still(2_000));
        foreach (var newcomer in (string[])["m2", "m3", "m4"])
        {
            monitor.ObserveMeter(newcomer, [new MeterSample(T0.AddHours(3), 5_000, 230)]);
        }

        monitor.CloseInterval(T0.AddHours(3), ["m0", "m1", "m2", "m3", "m4"]);

        monitor.TakeNew().Should().NotContain(v => v.Kind == AreaVerdictKind.RegisterStuck, "the only neighbour known to move or not, m1, stood still too");
    }
}
