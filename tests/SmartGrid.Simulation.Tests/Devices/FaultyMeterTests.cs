using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Simulation.Tests.Devices;

public sealed class FaultyMeterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly HouseholdLoadModel Model = new(LoadModelParameters.Default, seed: 11);

    private static VirtualMeter NewMeter(PlannedFault? fault, bool threePhase = false, int index = 3)
    {
        var id = DeviceId.Parse($"MTR-{index:D7}");
        var meter = new VirtualMeter(id, SigningKeyPair.Derive("faulty-meter-tests"u8, id.Value), new ModelHousehold(Model, index), 5, Start, TimeSpan.FromMinutes(15))
        {
            ThreePhase = threePhase,
        };
        if (fault is not null)
        {
            meter.Conditions = new ScenarioMeterConditions(Start, 7, index, null, null, [], fault);
        }

        return meter;
    }

    // The readings of the first `days` days, sealed every six hours.
    private static List<IntervalReading> Readings(VirtualMeter meter, int days) =>
        [.. Enumerable.Range(1, days * 4).SelectMany(q => meter.Seal(Start.AddHours(6 * q), Start.AddHours(6 * q))!.Profile.Readings)];

    // Register steps, Wh: the first reading's from 0 (the register starts at 0).
    private static long[] Steps(IReadOnlyList<IntervalReading> readings) =>
        [.. readings.Select((r, i) => r.Values[0] - (i == 0 ? 0 : readings[i - 1].Values[0]))];

    private static double Volts(IntervalReading reading, int channel) => VirtualMeter.ThreePhaseChannels[channel].Scale(reading.Values[channel]);

    [Fact]
    public void A_stuck_meters_register_stands_still_in_its_window_and_moves_outside_it()
    {
        var fault = new PlannedFault(MeterFaultSpec.Stuck, Start.AddHours(24), Start.AddHours(36));
        var meter = NewMeter(fault);

        var steps = Steps(Readings(meter, 2));

        steps[96..144].Should().OnlyContain(s => s == 0, "hours 24..36 are stuck");
        steps[..96].Sum().Should().BeGreaterThan(1_000, "the first day counts the household's energy");
        steps[144..].Sum().Should().BeGreaterThan(100, "the register moves again after the window");
        meter.ConsumedWh.Should().BeGreaterThan(meter.ImportRegisterWh, "the household drew energy the register did not count");
    }

    [Fact]
    public void A_reversed_meters_register_falls_by_what_it_measures()
    {
        var honest = Steps(Readings(NewMeter(null), 2));
        var steps = Steps(Readings(NewMeter(new PlannedFault(MeterFaultSpec.Reversed, Start.AddHours(24), null)), 2));

        steps[..96].Should().Equal(honest[..96]);
        steps[96..].Should().Equal(honest[96..].Select(s => -s), "the register runs backwards by each interval's energy");
        steps[96..].Sum().Should().BeNegative();
    }

    [Fact]
    public void A_flat_meter_counts_the_same_energy_every_interval()
    {
        var meter = NewMeter(new PlannedFault(MeterFaultSpec.Flat, Start.AddHours(30), null) { FlatWh = 123 });

        var steps = Steps(Readings(meter, 2));

        steps[120..].Should().OnlyContain(s => s == 123);
        steps[..120].Distinct().Count().Should().BeGreaterThan(10, "before the fault the steps follow the load");
    }

    [Fact]
    public void A_drifting_meter_over_reads_more_each_day()
    {
        const int days = 6;
        var honest = Steps(Readings(NewMeter(null), days));
        var drifting = Steps(Readings(NewMeter(new PlannedFault(MeterFaultSpec.Drift, Start, null) { PercentPerDay = 2 }), days));

        var ratios = Enumerable.Range(0, days).Select(d => (double)drifting.Skip(d * 96).Take(96).Sum() / honest.Skip(d * 96).Take(96).Sum()).ToList();

        ratios.Should().BeInAscendingOrder();
        ratios[0].Should().BeApproximately(1.01, 0.006, "half a day's drift on average on day 0");
        ratios[^1].Should().BeApproximately(1 + (0.02 * (days - 0.5)), 0.006);
    }

    [Fact]
    public void A_three_phase_meter_records_the_voltages_of_L1_L2_and_L3()
    {
        var meter = NewMeter(null, threePhase: true);

        var blocks = Enumerable.Range(1, 4).Select(q => meter.Seal(Start.AddHours(6 * q), Start.AddHours(6 * q))!).ToList();

        VirtualMeter.ThreePhaseChannels.Select(c => c.Code.ToShortString()).Should().Equal("1.8.0", "2.8.0", "32.7.0", "52.7.0", "72.7.0", "31.7.0", "13.7.0", "14.7.0");
        meter.RecordedChannels.Should().Equal(VirtualMeter.ThreePhaseChannels);
        blocks.Should().OnlyContain(b => b.Profile.Channels.SequenceEqual(VirtualMeter.ThreePhaseChannels));
        var readings = blocks.SelectMany(b => b.Profile.Readings).ToList();
        foreach (var channel in new[] { 2, 3, 4 })
        {
            readings.Select(r => Volts(r, channel)).Should().OnlyContain(v => v > 220 && v < 240, "each phase near 230 V, a third of the load on it");
        }

        readings.Select(r => r.Values[3]).Should().NotEqual(readings.Select(r => r.Values[4]), "L2 and L3 have their own noise");
        readings.Select(r => r.Values[0]).Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_lost_neutral_splits_the_phase_voltages_inside_its_window_and_keeps_their_mean()
    {
        var fault = new PlannedFault(MeterFaultSpec.NeutralLoss, Start.AddHours(10), Start.AddHours(16)) { UnbalancePercent = 20 };
        var readings = Readings(NewMeter(fault, threePhase: true), 1);

        var inside = readings.Where(r => fault.IsActive(r.Start)).ToList();
        var outside = readings.Where(r => !fault.IsActive(r.Start)).ToList();

        inside.Should().HaveCount(24);
        inside.Should().OnlyContain(r => Volts(r, 2) > 265 && Volts(r, 3) < 195 && Volts(r, 4) > 220 && Volts(r, 4) < 240, "L1 × 1.2, L2 × 0.8, L3 as it was");
        inside.Select(r => (Volts(r, 2) + Volts(r, 3) + Volts(r, 4)) / 3).Should().OnlyContain(mean => mean > 220 && mean < 240);
        outside.Should().OnlyContain(r => Volts(r, 2) < 240 && Volts(r, 3) > 220);
    }

    [Fact]
    public void A_faulty_meter_resumed_from_its_last_block_seals_exactly_the_next_block_an_uninterrupted_one_does()
    {
        var fault = new PlannedFault(MeterFaultSpec.Drift, Start.AddHours(3), null) { PercentPerDay = -5 };
        var uninterrupted = NewMeter(fault, threePhase: true);
        Readings(uninterrupted, 1);
        var expected = uninterrupted.Seal(Start.AddHours(30), Start.AddHours(30))!;
        var first = NewMeter(fault, threePhase: true);
        Readings(first, 1);
        var last = first.Outbox.Last();

        var restarted = NewMeter(fault, threePhase: true);
        restarted.Resume(last);

        restarted.Seal(Start.AddHours(30), Start.AddHours(30))!.ToArray().Should().Equal(expected.ToArray());
    }

    [Fact]
    public void The_phases_are_fixed_before_the_first_block_and_a_resume_must_match_them()
    {
        var meter = NewMeter(null);
        var block = meter.Seal(Start.AddHours(6), Start.AddHours(6))!;

        FluentActions.Invoking(() => meter.ThreePhase = true).Should().Throw<InvalidOperationException>().WithMessage("*MTR-0000003*first block*");
        FluentActions.Invoking(() => NewMeter(null, threePhase: true).Resume(block)).Should().Throw<ArgumentException>().WithMessage("*one phase*three*");
        meter.RecordedChannels.Should().Equal(VirtualMeter.Channels);
    }
}
