using System.Collections.Immutable;
using SmartGrid.Client;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Tiers;

/// <summary>
/// Fog analytics on a real silo: each concentrator's area analytics reads the blocks it anchored
/// and the feeder readings it carried, and flags what the paper's threats look like on a feeder.
/// </summary>
public sealed class AreaAnalyticsClusterTests(TierClusterFixture fixture) : IClassFixture<TierClusterFixture>
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    private SmartGridClient Client => SmartGridClient.FromGrainFactory(fixture.Client);

    [Fact]
    public async Task Unmetered_feeder_energy_a_reversed_register_and_bad_voltage_are_flagged_where_they_happen()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 2, metersPerConcentrator: 4);
        var (honest, stolenFrom) = (topology.Concentrators.First(), topology.Concentrators.Last());
        var lastRegister = topology.Meters.ToDictionary(m => m.Id, _ => 1_000L);
        var tampered = topology.Meters.First(m => topology.ConcentratorOfMeter[m.Id] == honest);

        for (var interval = 0; interval < 4; interval++)
        {
            var metered = new Dictionary<DeviceId, long> { [honest] = 0, [stolenFrom] = 0 };
            foreach (var meter in topology.Meters)
            {
                var block = interval == 2 && meter == tampered ? Tampered(meter, lastRegister[meter.Id] - 300) : meter.NextBlock();
                (await Client.SubmitBlockAsync(block)).Accepted.Should().BeTrue();
                var register = (long)block.Profile.Value(block.Profile.Readings.Length - 1, Obis.ActiveEnergyImport)!.Value;
                metered[topology.ConcentratorOfMeter[meter.Id]] += Math.Max(0, register - lastRegister[meter.Id]);
                lastRegister[meter.Id] = register;
            }

            // The honest area loses 3 % on its cables; in the other, a fifth of the energy is taken unmetered.
            var from = Start.AddHours(interval);
            await Client.ReportFeederAsync(honest, new FeederReading(from, from.AddHours(1), (ulong)(metered[honest] * 1.03)));
            await Client.ReportFeederAsync(stolenFrom, new FeederReading(from, from.AddHours(1), (ulong)(metered[stolenFrom] * 1.25)));
            (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();
        }

        var honestReport = await Client.GetAreaReportAsync(honest);
        var theftReport = await Client.GetAreaReportAsync(stolenFrom);

        honestReport.Intervals.Should().Be(4);
        honestReport.Counts.Should().NotContainKey("EnergyImbalance");
        honestReport.Counts.Should().Contain("RegisterReversed", 1);
        honestReport.Findings.Should().Contain(f => f.Kind == "RegisterReversed" && f.Subject == tampered.Id.Value);
        honestReport.Findings.Should().Contain(f => f.Kind == "VoltageOutOfRange" && f.Subject == tampered.Id.Value && f.Value == 262.0);
        theftReport.Counts.Should().ContainKey("EnergyImbalance");
        theftReport.LossFraction.Should().BeApproximately(0.2, 0.01, "a quarter more than metered is a fifth of the feeder's energy");
        theftReport.Findings.Should().Contain(f => f.Kind == "EnergyImbalance" && f.Subject == stolenFrom.Value);
        (honestReport.HeadsReadBack + theftReport.HeadsReadBack).Should().Be(0, "the meter grains handed every appended block's readings over with their heads");

        // Each household's edge analytics (in its meter grain) took its appended interval energies:
        // 4 uploads of 4 readings, less the first reading, which only gives the register to count from.
        var household = await Client.GetHouseholdReportAsync(topology.Meters.Last().Id);
        household.Intervals.Should().Be(15);
        household.RefusedUploads.Should().Be(0);
        (await Client.GetHouseholdReportAsync(tampered.Id)).RefusedUploads.Should().Be(1, "the upload whose register ran backwards is refused whole by the edge analytics");

        // The verdicts are on the concentrators' chains, signed, from the block after their interval.
        (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();
        var honestEvents = await EventsAsync(honest);
        var theftEvents = await EventsAsync(stolenFrom);
        honestEvents.Should().Contain(e => e.Kind == ChainEventKind.RegisterReversed && e.Subject == tampered.Id && e.Value == -300);
        honestEvents.Should().Contain(e => e.Kind == ChainEventKind.VoltageOutOfRange && e.Subject == tampered.Id && e.Value == 262.0);
        honestEvents.Should().NotContain(e => e.Kind == ChainEventKind.EnergyImbalance);
        theftEvents.Should().Contain(e => e.Kind == ChainEventKind.EnergyImbalance && e.Subject == stolenFrom);
    }

    [Fact]
    public async Task Theft_alarms_about_its_own_meters_are_signed_into_the_concentrators_next_block_and_nothing_else()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 2, metersPerConcentrator: 2);
        var (area, other) = (topology.Concentrators.First(), topology.Concentrators.Last());
        var ours = topology.Meters.First(m => topology.ConcentratorOfMeter[m.Id] == area).Id;
        var theirs = topology.Meters.First(m => topology.ConcentratorOfMeter[m.Id] == other).Id;
        var before = (await Client.GetAreaReportAsync(area)).Intervals;
        var day = Start.AddDays(1);

        var taken = await Client.RecordTheftSuspicionsAsync(area,
        [
            new Contracts.Tiers.TheftSuspicion { Meter = ours, DayEnd = day, Score = 0.9 },
            new Contracts.Tiers.TheftSuspicion { Meter = theirs, DayEnd = day, Score = 0.9 },
            new Contracts.Tiers.TheftSuspicion { Meter = ours, DayEnd = day, Score = 1.5 },
        ]);
        (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();

        taken.Should().Be(1, "a meter of another concentrator and a score above 1 are refused");
        var events = await EventsAsync(area);
        events.Should().ContainSingle(e => e.Kind == ChainEventKind.TheftSuspected).Which.Should().Be(ChainEvent.Of(ChainEventKind.TheftSuspected, ours, day, 0.9));
        (await Client.GetNodeStatusAsync(DeviceRole.Concentrator, area)).Refused.Values.Sum().Should().BeGreaterThanOrEqualTo(2);
        (await Client.GetAreaReportAsync(area)).Intervals.Should().Be(before, "a block of alarms alone closes no interval of the area analytics");
    }

    [Fact]
    public async Task Anchored_heads_whose_readings_did_not_come_with_them_are_read_back_from_the_store_and_a_gap_is_never_taken()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 1);
        var meter = topology.Meters.Single();
        var blocks = new List<MeterBlock>();
        for (var i = 0; i < 3; i++)
        {
            var block = meter.NextBlock();
            (await Client.SubmitBlockAsync(block)).Accepted.Should().BeTrue();
            blocks.Add(block);
        }

        // A fresh analytics activation that never got these readings (as after a move): the close
        // reads the anchored head's block back from the store; the first reading only sets the register.
        var analytics = fixture.Client.GetGrain<Contracts.Analytics.IAreaAnalyticsGrain>("readback-" + Guid.NewGuid().ToString("N"));
        await analytics.ObserveIntervalAsync(new Contracts.Analytics.AreaInterval
        {
            End = blocks[0].Timestamp,
            Members = [meter.Id],
            Anchors = [Anchor.Of(DeviceRole.Meter, blocks[0])],
            Feeder = [],
        });
        var afterReadBack = await analytics.GetReportAsync();
        afterReadBack.HeadsReadBack.Should().Be(1);
        afterReadBack.Intervals.Should().Be(1);

        // Samples that skip a block are left to the store; samples that continue are taken.
        await analytics.ObserveSamplesAsync([SamplesOf(meter.Id, blocks[2])]);
        (await analytics.GetReportAsync()).MeteredWh.Should().Be(0, "block 2 does not continue from block 0");
        await analytics.ObserveSamplesAsync([SamplesOf(meter.Id, blocks[1])]);
        var registers = blocks[1].Profile.Readings.Select((_, i) => (long)blocks[1].Profile.Value(i, Obis.ActiveEnergyImport)!.Value).ToList();
        var lastOfBlock0 = (long)blocks[0].Profile.Value(blocks[0].Profile.Readings.Length - 1, Obis.ActiveEnergyImport)!.Value;
        (await analytics.GetReportAsync()).MeteredWh.Should().Be(registers[^1] - lastOfBlock0, "block 1 continues from block 0's last register");

        // Its next close finds block 1 covered and reads only block 2 back.
        await analytics.ObserveIntervalAsync(new Contracts.Analytics.AreaInterval
        {
            End = blocks[2].Timestamp,
            Members = [meter.Id],
            Anchors = [Anchor.Of(DeviceRole.Meter, blocks[2])],
            Feeder = [],
        });
        (await analytics.GetReportAsync()).HeadsReadBack.Should().Be(2);
    }

    // What a meter grain hands over for one appended block.
    private static Contracts.Analytics.AreaSamples SamplesOf(DeviceId meter, MeterBlock block)
    {
        var profile = block.Profile;
        var n = profile.Readings.Length;
        return new Contracts.Analytics.AreaSamples
        {
            Meter = meter,
            FromSequence = block.Sequence,
            ThroughSequence = block.Sequence,
            EndTicks = [.. profile.Readings.Select(r => r.End.UtcTicks)],
            ImportWh = [.. Enumerable.Range(0, n).Select(i => (long)profile.Value(i, Obis.ActiveEnergyImport)!.Value)],
            Voltage = [.. Enumerable.Range(0, n).Select(i => profile.Value(i, Obis.VoltageL1) ?? double.NaN)],
        };
    }

    private async Task<List<ChainEvent>> EventsAsync(DeviceId concentrator)
    {
        var stored = await Client.Node(DeviceRole.Concentrator, concentrator).GetStoredBlocksAsync(0, 100);
        return [.. stored.SelectMany(b => AnchorBlock.Decode(b.Bytes).Header.Events)];
    }

    // A block whose import register runs backwards and whose voltage swells to 262 V.
    private static MeterBlock Tampered(TestDevice meter, long register)
    {
        var readings = ImmutableArray.CreateBuilder<IntervalReading>(4);
        for (var i = 0; i < 4; i++)
        {
            readings.Add(new IntervalReading(meter.Clock + TimeSpan.FromMinutes(15 * i), TimeSpan.FromMinutes(15), ReadingStatus.None, [register + i, 2620]));
        }

        var profile = new LoadProfile([Channel.ActiveEnergyImportWh, Channel.VoltageL1], readings.MoveToImmutable());
        var block = MeterBlock.Create(meter.Id, meter.Sequence, meter.Certificate.Serial, meter.Head, profile.End + TimeSpan.FromMinutes(1), profile, meter.Key);
        meter.Advance(block);
        return block;
    }
}
