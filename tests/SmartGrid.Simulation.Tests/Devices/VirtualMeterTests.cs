using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Devices;

public sealed class VirtualMeterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly HouseholdLoadModel Model = new(LoadModelParameters.Default, seed: 11);
    private static readonly CertificateAuthority Root = new(DeviceId.Parse("root"), SigningKeyPair.Derive("virtual-meter-tests"u8, "root"));

    private static (VirtualMeter Meter, DeviceCertificate Certificate) NewMeter(int index = 3, ulong noise = 5)
    {
        var id = DeviceId.Parse($"MTR-{index:D7}");
        var key = SigningKeyPair.Derive("virtual-meter-tests"u8, id.Value);
        var certificate = Root.Issue(id, DeviceRole.Meter, key.PublicKey, Start.AddYears(-1), Start.AddYears(5));
        return (new VirtualMeter(id, key, new ModelHousehold(Model, index), noise, Start, TimeSpan.FromMinutes(15)) { KeySerial = certificate.Serial }, certificate);
    }

    private static List<MeterBlock> Day(VirtualMeter meter)
    {
        var blocks = new List<MeterBlock>();
        for (var hour = 6; hour <= 24; hour += 6)
        {
            blocks.Add(meter.Seal(Start.AddHours(hour), Start.AddHours(hour))!);
        }

        return blocks;
    }

    [Fact]
    public void A_day_of_uploads_is_a_chain_the_verifier_accepts()
    {
        var (meter, certificate) = NewMeter();
        var registry = new CertificateRegistry(Root.PublicKey);
        registry.Add(certificate);

        var blocks = Day(meter);
        var report = new ChainVerifier(registry, TimeSpan.FromMinutes(5)).Verify(meter.Id, blocks);

        report.IsValid.Should().BeTrue(string.Join("; ", report.Defects));
        report.ReadingsChecked.Should().Be(96);
        blocks.Select(b => b.Profile.Readings.Length).Should().AllBeEquivalentTo(24);
        blocks[^1].Profile.End.Should().Be(Start.AddDays(1));
        meter.Head.Should().Be(blocks[^1].Hash);
        meter.Sequence.Should().Be(4);
    }

    [Fact]
    public void Readings_carry_the_six_channels_with_a_rising_register_and_plausible_values()
    {
        var (meter, _) = NewMeter();

        var readings = Day(meter).SelectMany(b => b.Profile.Readings).ToList();

        VirtualMeter.Channels.Select(c => c.Code.ToShortString()).Should().Equal("1.8.0", "2.8.0", "32.7.0", "31.7.0", "13.7.0", "14.7.0");
        readings.Select(r => r.Values[0]).Should().BeInAscendingOrder("the import register never runs backwards");
        readings.Select(r => VirtualMeter.Channels[2].Scale(r.Values[2])).Should().OnlyContain(v => v > 207 && v < 253, "within EN 50160's ±10 % of 230 V");
        readings.Select(r => VirtualMeter.Channels[5].Scale(r.Values[5])).Should().OnlyContain(v => v > 49.5 && v < 50.5);
        readings.Select(r => VirtualMeter.Channels[4].Scale(r.Values[4])).Should().OnlyContain(v => v >= 0.5 && v <= 1.0);
        readings.Should().OnlyContain(r => r.Status == ReadingStatus.None && r.Duration == TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void The_register_integrates_the_households_energy()
    {
        var (meter, _) = NewMeter();
        var household = new ModelHousehold(Model, 3);
        var expectedWh = Enumerable.Range(0, 96).Sum(i => (long)Math.Round(household.NextIntervalKWh(Start.AddMinutes(15 * i), TimeSpan.FromMinutes(15)) * 1000, MidpointRounding.ToEven));

        Day(meter);

        meter.ImportRegisterWh.Should().Be(expectedWh, "each interval adds its energy in whole Wh");
    }

    [Fact]
    public void The_same_meter_and_seeds_give_the_same_blocks_byte_for_byte()
    {
        var first = Day(NewMeter().Meter).Select(b => b.ToArray());
        var second = Day(NewMeter().Meter).Select(b => b.ToArray());
        var otherNoise = Day(NewMeter(noise: 6).Meter).Select(b => b.ToArray());

        first.Should().BeEquivalentTo(second, o => o.WithStrictOrdering());
        first.Should().NotBeEquivalentTo(otherNoise);
    }

    [Fact]
    public void A_resumed_meter_continues_its_chain_where_the_last_block_left_it()
    {
        var (original, certificate) = NewMeter();
        var blocks = Day(original);
        var (restarted, _) = NewMeter();

        restarted.Resume(blocks[^1]);
        var next = restarted.Seal(Start.AddHours(30), Start.AddHours(30))!;

        next.Sequence.Should().Be(4);
        next.Previous.Should().Be(blocks[^1].Hash);
        next.Profile.Start.Should().Be(Start.AddDays(1));
        next.Profile.Readings[0].Values[0].Should().BeGreaterThanOrEqualTo(blocks[^1].Profile.Readings[^1].Values[0]);
        var registry = new CertificateRegistry(Root.PublicKey);
        registry.Add(certificate);
        new ChainVerifier(registry, TimeSpan.FromMinutes(5)).Verify(restarted.Id, [.. blocks, next]).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_meter_resumed_from_its_last_block_produces_exactly_what_an_uninterrupted_one_does()
    {
        var (uninterrupted, _) = NewMeter();
        Day(uninterrupted);
        var expected = uninterrupted.Seal(Start.AddHours(30), Start.AddHours(30))!;
        var (first, _) = NewMeter();
        var last = Day(first)[^1];
        var (restarted, _) = NewMeter();

        restarted.Resume(last);

        restarted.Seal(Start.AddHours(30), Start.AddHours(30))!.ToArray().Should().Equal(expected.ToArray());
    }

    [Fact]
    public void Sealed_blocks_wait_in_the_outbox_until_acknowledged()
    {
        var (meter, _) = NewMeter();
        var blocks = Day(meter);

        meter.Outbox.Should().Equal(blocks);
        meter.Acknowledge(3);
        meter.Outbox.Should().Equal(blocks[3]);
        meter.Acknowledge(5);
        meter.Outbox.Should().BeEmpty();
    }

    [Fact]
    public void Sealing_before_a_whole_interval_has_passed_gives_no_block_and_changes_nothing()
    {
        var (meter, _) = NewMeter();

        meter.Seal(Start.AddMinutes(14), Start.AddMinutes(14)).Should().BeNull();

        meter.Sequence.Should().Be(0);
        meter.Clock.Should().Be(Start);
    }

    [Fact]
    public void Resuming_from_another_meters_block_is_refused()
    {
        var (meter, _) = NewMeter(index: 1);
        var other = Day(NewMeter(index: 2).Meter)[0];

        var resume = () => meter.Resume(other);

        resume.Should().Throw<ArgumentException>().WithMessage("*MTR-0000002*MTR-0000001*");
    }

    [Fact]
    public void An_interval_that_does_not_divide_a_day_is_refused()
    {
        var create = () => new VirtualMeter(DeviceId.Parse("MTR-x"), SigningKeyPair.Derive("x"u8, "y"), new ModelHousehold(Model, 0), 1, Start, TimeSpan.FromMinutes(7));

        create.Should().Throw<ArgumentException>().WithMessage("*divid*");
    }

    private sealed class HalfAtNight(double voltageFactor) : IMeterConditions
    {
        public int Calls { get; private set; }

        public double[]? Tamper(DateTimeOffset dayStart, int firstInterval, ReadOnlySpan<double> trueKWh)
        {
            Calls++;
            var reported = trueKWh.ToArray();
            for (var t = 0; t < reported.Length && firstInterval + t < 24; t++)
            {
                reported[t] /= 2;
            }

            return reported;
        }

        public double VoltageFactor(DateTimeOffset start) => voltageFactor;
    }

    [Fact]
    public void A_tampered_meter_reports_less_than_its_household_draws_and_the_feeder_still_sees_the_truth()
    {
        var (honest, _) = NewMeter();
        var (tampered, _) = NewMeter();
        var conditions = new HalfAtNight(0.5);
        tampered.Conditions = conditions;

        var honestDay = Day(honest);
        var tamperedDay = Day(tampered);

        tampered.ConsumedWh.Should().Be(honest.ConsumedWh, "the same household draws the same energy");
        honest.ConsumedWh.Should().Be(honest.ImportRegisterWh, "an honest register counts what is drawn");
        tampered.ImportRegisterWh.Should().BeLessThan(tampered.ConsumedWh);
        conditions.Calls.Should().Be(1, "the day is drawn and tampered once, ahead of its uploads");
        static long Register(MeterBlock block, int i) => block.Profile.Readings[i].Values[block.Profile.IndexOf(Obis.ActiveEnergyImport)];
        Register(tamperedDay[3], 23).Should().Be(tampered.ImportRegisterWh);
        var honestNight = Register(honestDay[0], 23);
        Register(tamperedDay[0], 23).Should().BeCloseTo(honestNight / 2, 12, "the first six hours are halved, each quarter-hour rounded to whole Wh");
        var volts = tamperedDay[0].Profile.IndexOf(Obis.VoltageL1);
        var honestVolts = honestDay[0].Profile.IndexOf(Obis.VoltageL1);
        tamperedDay[0].Profile.Readings[5].Values[volts].Should().BeCloseTo(honestDay[0].Profile.Readings[5].Values[honestVolts] / 2, 1, "the voltage factor scales the measured voltage");
    }
}
