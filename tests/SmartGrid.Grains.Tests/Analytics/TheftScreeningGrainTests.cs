using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Theft;
using SmartGrid.Client;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Grains.Tests.Tiers;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Analytics;

/// <summary>
/// The utility's theft screening as a grain: a model fitted off-cluster is installed through the
/// SDK, and the grain scores a concentrator's households from their stored chains and the feeder
/// readings the concentrator's own chain recorded, signing its alarms there once.
/// </summary>
public sealed class TheftScreeningGrainTests(TierClusterFixture fixture) : IClassFixture<TierClusterFixture>
{
    private const int Days = 14;
    private const int PerDay = 24;
    private const int Households = 12;
    private const int Thief = 3;
    private const int StealsFrom = 10;
    private const double StolenShare = 0.7;
    private static readonly DateTimeOffset Start = TestTime.Midnight(-Days);

    // Fitted once, off the cluster, as the CLI does: households of the same kind, other seeds, attacks injected.
    private static readonly Lazy<byte[]> Model = new(Train);

    private SmartGridClient Client => SmartGridClient.FromGrainFactory(fixture.Client);

    [Fact]
    public async Task A_household_under_attack_is_flagged_from_stored_data_and_signed_once_on_its_concentrator_chain()
    {
        var (topology, concentrator) = await UploadAreaAsync();
        var thief = topology.Meters[Thief].Id;
        var installed = await Client.InstallTheftModelAsync(topology.Utility, Model.Value);
        installed.Installed.Should().BeTrue(installed.Error);

        var first = await Client.ScreenTheftAsync(topology.Utility, [concentrator], Start, Days);

        first.Outcome.Should().Be(TheftScreeningOutcome.Screened, first.Message);
        first.Problems.Should().BeEmpty();
        first.ModelHash.Should().Be(installed.ModelHash);
        first.Verdicts.Should().HaveCount(Households * Days);
        var stolen = first.Verdicts.Where(v => v.Meter == thief && v.DayStart >= Start.AddDays(StealsFrom)).ToList();
        stolen.Should().HaveCount(Days - StealsFrom).And.OnlyContain(v => v.Alarm, "the thief reports 30 % of what the feeder saw on its last 4 days");
        stolen.Should().OnlyContain(v => v.Fired.Contains("energy_balance"), "the feeder readings on the concentrator's chain show the missing energy");
        var alarms = first.Verdicts.Count(v => v.Alarm);
        first.AlarmsRecorded.Should().Be(alarms);
        first.AlarmsAlreadyRecorded.Should().Be(0);

        // Repeated before the concentrator sealed: its alarms are waiting there, none is taken twice.
        var again = await Client.ScreenTheftAsync(topology.Utility, [concentrator], Start, Days);
        again.AlarmsRecorded.Should().Be(0);
        again.AlarmsAlreadyRecorded.Should().Be(alarms);
        (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();
        var events = (await EventsAsync(concentrator)).Where(e => e.Kind == ChainEventKind.TheftSuspected).ToList();
        events.Should().HaveCount(alarms);
        events.Should().Contain(e => e.Subject == thief && e.Time > Start.AddDays(StealsFrom) && e.Time <= Start.AddDays(Days));
        events.Should().OnlyContain(e => first.Verdicts.Any(v => v.Alarm && v.Meter == e.Subject && v.DayStart.AddDays(1) == e.Time));

        // After a deactivation the model is still there; the day's alarms are on the chain now, so a
        // third screening scores the same and signs nothing.
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ITheftScreeningGrain>(topology.Utility.Value));
        var third = await Client.ScreenTheftAsync(topology.Utility, [concentrator], Start, Days);
        third.Outcome.Should().Be(TheftScreeningOutcome.Screened, third.Message);
        third.Verdicts.Select(v => (v.Meter, v.DayStart, v.Score, v.Alarm)).Should().Equal(first.Verdicts.Select(v => (v.Meter, v.DayStart, v.Score, v.Alarm)));
        third.AlarmsRecorded.Should().Be(0);
        third.AlarmsAlreadyRecorded.Should().Be(alarms);
        (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();
        (await EventsAsync(concentrator)).Count(e => e.Kind == ChainEventKind.TheftSuspected).Should().Be(alarms);
        (await fixture.AuditAsync()).DefectiveChains.Should().BeEmpty("the alarm blocks are signed and linked like every other");
    }

    [Fact]
    public async Task A_meter_whose_stored_chain_no_longer_decodes_is_left_out_and_named_while_the_others_are_screened()
    {
        var (topology, concentrator) = await UploadAreaAsync();
        var broken = topology.Meters[5].Id;
        var store = ((InProcessSiloHandle)fixture.Cluster.Silos[0]).SiloHost.Services.GetRequiredService<ILedgerStore>();
        await store.AppendAsync(ChainId.Meter(broken), Days, new byte[] { 0x01, 0x02, 0x03 });
        (await Client.InstallTheftModelAsync(topology.Utility, Model.Value)).Installed.Should().BeTrue();

        var report = await Client.ScreenTheftAsync(topology.Utility, [concentrator], Start, Days);

        report.Outcome.Should().Be(TheftScreeningOutcome.Screened, report.Message);
        report.Problems.Should().HaveCount(2);
        report.Problems.Should().Contain(p => p.StartsWith($"{broken} left out: meter/{broken} block {Days} does not decode", StringComparison.Ordinal));
        report.Problems.Should().Contain($"{concentrator}'s feeder left out: its meter {broken} could not be read", "the feeder balances only against all of its meters");
        report.Verdicts.Should().HaveCount((Households - 1) * Days).And.NotContain(v => v.Meter == broken);
        report.Verdicts.Should().NotContain(v => v.Fired.Contains("energy_balance"), "without its feeder the area has no energy balance");
    }

    [Fact]
    public async Task The_installed_model_survives_deactivation_and_bad_model_bytes_are_refused_without_replacing_it()
    {
        var utility = DeviceId.Parse("screening-" + Guid.NewGuid().ToString("N")[..8]);
        (await Client.GetTheftModelAsync(utility)).Installed.Should().BeFalse();

        var bad = await Client.InstallTheftModelAsync(utility, "not a model at all"u8);
        bad.Installed.Should().BeFalse();
        bad.Error.Should().Contain("not a theft model");
        var installed = await Client.InstallTheftModelAsync(utility, Model.Value);
        installed.Installed.Should().BeTrue(installed.Error);
        installed.IntervalsPerDay.Should().Be(PerDay);
        installed.Classifier.Should().Be("gradient-boosted-trees");
        installed.ModelHash.Should().HaveLength(64);
        var altered = Model.Value.ToArray();
        altered[100] ^= 0xFF;
        var refused = await Client.InstallTheftModelAsync(utility, altered);
        refused.Installed.Should().BeFalse();
        refused.Error.Should().Contain("SHA-256", "the checksum names the alteration");

        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ITheftScreeningGrain>(utility.Value));
        var reloaded = await Client.GetTheftModelAsync(utility);

        reloaded.Should().BeEquivalentTo(installed, "the model is kept in grain state, not in memory");
    }

    [Fact]
    public async Task Requests_the_grain_cannot_serve_are_refused_with_the_reason_and_sign_nothing()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: 2);
        var concentrator = topology.Concentrators.Single();
        var noModel = await Client.ScreenTheftAsync(topology.Utility, [concentrator], Start, 3);
        noModel.Outcome.Should().Be(TheftScreeningOutcome.NoModel);
        noModel.Message.Should().Contain("no theft model");
        (await Client.InstallTheftModelAsync(topology.Utility, Model.Value)).Installed.Should().BeTrue();

        async Task<string?> RefusedAsync(IEnumerable<DeviceId> concentrators, DateTimeOffset from, int days)
        {
            var report = await Client.ScreenTheftAsync(topology.Utility, concentrators, from, days);
            report.Outcome.Should().Be(TheftScreeningOutcome.Refused);
            report.Verdicts.Should().BeEmpty();
            report.AlarmsRecorded.Should().Be(0);
            return report.Message;
        }

        (await RefusedAsync([concentrator], Start, 2)).Should().Contain("2 days").And.Contain("at least 3");
        (await RefusedAsync([concentrator], Start, 63)).Should().Contain("at most 62");
        (await RefusedAsync([concentrator], TestTime.Midnight(-1), 3)).Should().Contain("has not closed");
        (await RefusedAsync([], Start, 3)).Should().Contain("no concentrator");
        (await RefusedAsync([concentrator, concentrator], Start, 3)).Should().Contain("repeated");
        (await RefusedAsync([DeviceId.Parse("DC-NOBODY")], Start, 3)).Should().Contain("DC-NOBODY is not a provisioned concentrator");
        (await RefusedAsync([topology.Substations.Single()], Start, 3)).Should().Contain("not a provisioned concentrator");
        (await RefusedAsync([concentrator], Start.AddTicks(1), 3)).Should().Contain("whole millisecond");

        var badKey = await fixture.Client.GetGrain<ITheftScreeningGrain>("no spaces allowed").GetModelAsync();
        badKey.Installed.Should().BeFalse();
        badKey.Error.Should().Contain("is not a utility id");
    }

    // One concentrator of 12 households, 14 days of hourly readings uploaded a day at a time, with the
    // feeder's hourly readings sealed into the concentrator's chain each day. Household 3 reports 30 %
    // of its use from day 10 on; the feeder sees all of it.
    private async Task<(TestTopology Topology, DeviceId Concentrator)> UploadAreaAsync()
    {
        var topology = await TestTopology.ProvisionAsync(Client, Start, substations: 1, concentratorsPerSubstation: 1, metersPerConcentrator: Households);
        var concentrator = topology.Concentrators.Single();
        var registers = new long[Households];
        for (var d = 0; d < Days; d++)
        {
            var feeder = new long[PerDay];
            for (var h = 0; h < Households; h++)
            {
                var meter = topology.Meters[h];
                var truth = Whole(Household.Day(h, d, seed: 1));
                var reported = h == Thief && d >= StealsFrom ? [.. truth.Select(wh => (long)Math.Round(wh * (1 - StolenShare)))] : truth;
                var readings = ImmutableArray.CreateBuilder<IntervalReading>(PerDay);
                for (var t = 0; t < PerDay; t++)
                {
                    feeder[t] += truth[t];
                    registers[h] += reported[t];
                    readings.Add(new IntervalReading(Start.AddDays(d).AddHours(t), TimeSpan.FromHours(1), ReadingStatus.None, [registers[h], 2300]));
                }

                var profile = new LoadProfile([Channel.ActiveEnergyImportWh, Channel.VoltageL1], readings.MoveToImmutable());
                var block = MeterBlock.Create(meter.Id, meter.Sequence, meter.Certificate.Serial, meter.Head, profile.End.AddMinutes(1), profile, meter.Key);
                meter.Advance(block);
                var result = await Client.SubmitBlockAsync(block);
                result.Accepted.Should().BeTrue(result.ToString());
            }

            for (var t = 0; t < PerDay; t++)
            {
                var from = Start.AddDays(d).AddHours(t);
                await Client.ReportFeederAsync(concentrator, new FeederReading(from, from.AddHours(1), (ulong)Math.Round(feeder[t] * 1.03)));
            }

            (await Client.SealTiersAsync(topology.Utility)).Problem.Should().BeEmpty();
        }

        return (topology, concentrator);
    }

    private static long[] Whole(double[] kwh) => [.. kwh.Select(v => (long)Math.Round(v * 1000))];

    private async Task<List<ChainEvent>> EventsAsync(DeviceId concentrator)
    {
        var stored = await Client.Node(DeviceRole.Concentrator, concentrator).GetStoredBlocksAsync(0, 1000);
        return [.. stored.SelectMany(b => AnchorBlock.Decode(b.Bytes).Header.Events)];
    }

    // 48 training households in feeders of 12, 14 days each; a quarter steal from a random day on,
    // with an attack type drawn from all the known ones.
    private static byte[] Train()
    {
        var generator = new AttackGenerator(11);
        var dates = Enumerable.Range(0, Days).Select(d => DateOnly.FromDateTime(Start.UtcDateTime.AddDays(d))).ToArray();
        var households = new List<HouseholdDays>();
        var labels = new List<bool>();
        var feeders = new List<FeederDays>();
        for (var f = 0; f < 4; f++)
        {
            var members = new List<string>();
            var feeder = dates.Select(_ => new double[PerDay]).ToArray();
            for (var k = 0; k < Households; k++)
            {
                var h = (f * Households) + k;
                var id = $"TRAIN-{h:D3}";
                var steals = k % 4 == 1;
                var type = generator.Pick(AttackTypes.All);
                var from = 3 + (int)(generator.NextUnit() * (Days - 4));
                var readings = new double[Days][];
                for (var d = 0; d < Days; d++)
                {
                    var truth = Whole(Household.Day(h, d, seed: 2)).Select(wh => wh / 1000.0).ToArray();
                    for (var t = 0; t < PerDay; t++)
                    {
                        feeder[d][t] += truth[t] * 1.03;
                    }

                    var stolen = steals && d >= from;
                    readings[d] = stolen ? [.. generator.Attack(type, truth).Readings.Select(v => Math.Round(v * 1000) / 1000)] : truth;
                    labels.Add(stolen);
                }

                members.Add(id);
                households.Add(new HouseholdDays(id, dates, readings));
            }

            feeders.Add(new FeederDays($"TRAIN-DC-{f}", members, dates, feeder));
        }

        var detector = new HybridTheftDetector(PerDay, new TheftDetectorOptions
        {
            ClassifierFactory = () => new GradientBoostedTreesClassifier(new GradientBoostingOptions { Rounds = 80 }),
        });
        detector.Fit(TheftFeatureExtractor.Extract(households, feeders), labels);
        return detector.Save();
    }

    // A household's hourly use (kWh): a standby level, a morning and an evening peak at hours of its
    // own, a day factor and hourly noise, all drawn from the seed.
    private static class Household
    {
        public static double[] Day(int household, int day, int seed)
        {
            var random = new Random((seed * 1_000_003) + (household * 1_009) + day);
            var level = 0.4 + (0.15 * (household % 5));
            var morning = 6 + (household % 3);
            var evening = 17 + (household % 4);
            var dayFactor = Math.Exp(0.15 * ((random.NextDouble() * 2) - 1));
            var hours = new double[PerDay];
            for (var t = 0; t < PerDay; t++)
            {
                var shape = 0.3 + (Math.Abs(t - morning) <= 1 ? 0.9 : 0) + (t >= evening && t < evening + 4 ? 1.4 : 0);
                hours[t] = level * shape * dayFactor * (0.8 + (0.4 * random.NextDouble()));
            }

            return hours;
        }
    }
}
