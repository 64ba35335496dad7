using System.Globalization;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Evaluation;
using SmartGrid.Analytics.Theft;
using SmartGrid.Cli.EvalTheft;
using SmartGrid.Client;
using SmartGrid.Ledger.Tiers;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Cli.Simulating;

/// <summary>
/// The utility's theft screening of a scenario run: every household-day of the readings the chains
/// accepted (read back through the SDK, so only verified data is judged), with the concentrators'
/// feeder readings for the energy balance, scored by the hybrid detector. The detector is trained
/// on a separate fleet of the same load model under another seed (households it never scores),
/// with attacks of every known type injected, so the figures are out-of-sample.
/// </summary>
public static class TheftScreening
{
    /// <summary>Days of history the detector needs per household.</summary>
    public const int MinimumDays = 3;

    private const ulong TrainingStream = 0x747261696E696E67UL; // "training"

    /// <summary>Screens the run; null (with the reason) when the scenario is too short to screen.</summary>
    public static async Task<(TheftScreeningResult? Result, string? Skipped)> RunAsync(
        SmartGridClient client, ScenarioPlan plan, VirtualFleet fleet, IReadOnlyList<FeederReading>[] feederLog, CancellationToken cancellationToken)
    {
        var scenario = plan.Scenario;
        if (scenario.Days < MinimumDays)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"theft screening needs at least {MinimumDays} days of readings per household; the scenario has {scenario.Days}"));
        }

        var perDay = scenario.IntervalsPerDay;
        var dates = Enumerable.Range(0, scenario.Days).Select(d => DateOnly.FromDateTime(scenario.Start.UtcDateTime.AddDays(d))).ToArray();
        var households = new HouseholdDays[fleet.Meters.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, fleet.Meters.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            households[i] = await ReadHouseholdAsync(client, fleet.Meters[i].Id.Value, scenario, dates, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var topology = new FleetTopology(plan.Spec);
        var feeders = new FeederDays[feederLog.Length];
        for (var c = 0; c < feederLog.Length; c++)
        {
            var members = Enumerable.Range(0, fleet.Meters.Count).Where(i => topology.ConcentratorOf(i) == c).Select(i => fleet.Meters[i].Id.Value).ToArray();
            feeders[c] = new FeederDays(topology.ConcentratorAt(c).Value, members, dates, FeederDaysOf(feederLog[c], scenario, perDay));
        }

        var detector = Train(plan);
        var features = TheftFeatureExtractor.Extract(households, feeders);
        var verdicts = detector.Score(features);
        var scored = new List<ScoredItem>(verdicts.Count);
        var byId = Enumerable.Range(0, fleet.Meters.Count).ToDictionary(i => fleet.Meters[i].Id.Value, StringComparer.Ordinal);
        foreach (var verdict in verdicts)
        {
            var index = byId[verdict.HouseholdId];
            var conditions = plan.ConditionsOf(index);
            var day = verdict.Date.DayNumber - dates[0].DayNumber;
            var stolen = conditions?.Attack is { } attack && conditions.StolenDays.Contains(day);
            var type = stolen ? AttackTypes.Label(conditions!.Attack!.Value) : null;
            scored.Add(new ScoredItem(verdict.HouseholdId, verdict.Date, stolen, type, verdict.Score, verdict.Alarm, [.. verdict.Fired.Select(e => e.Name)]));
        }

        var evaluation = scored.Any(s => s.Label) && scored.Any(s => !s.Label)
            ? TheftEvaluation.Of([.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Label)], [.. scored.Select(s => s.AttackType)], detector.Threshold)
            : null;
        return (new TheftScreeningResult(scored, evaluation, detector.Threshold), null);
    }

    // The household's interval energies per UTC day, from the register steps of its accepted blocks.
    private static async Task<HouseholdDays> ReadHouseholdAsync(SmartGridClient client, string meter, Scenario scenario, DateOnly[] dates, CancellationToken cancellationToken)
    {
        var perDay = scenario.IntervalsPerDay;
        var days = dates.Select(_ => new double[perDay]).ToArray();
        foreach (var (start, kwh) in await ChainEnergies.ReadAsync(client, Ledger.Identity.DeviceId.Parse(meter), cancellationToken).ConfigureAwait(false))
        {
            var offset = start - scenario.Start;
            var day = (int)(offset.Ticks / TimeSpan.TicksPerDay);
            if (day >= 0 && day < days.Length && kwh >= 0)
            {
                days[day][(int)((offset.Ticks % TimeSpan.TicksPerDay) / scenario.Interval.Ticks)] = kwh;
            }
        }

        return new HouseholdDays(meter, dates, days);
    }

    // The feeder is read per upload interval, not per reading: each reading's slot gets an even share
    // of it. The energy balance uses only daily totals, which are exact.
    private static double[][] FeederDaysOf(IReadOnlyList<FeederReading> readings, Scenario scenario, int perDay)
    {
        var days = Enumerable.Range(0, scenario.Days).Select(_ => new double[perDay]).ToArray();
        foreach (var reading in readings)
        {
            var intervals = (int)((reading.End - reading.Start).Ticks / scenario.Interval.Ticks);
            for (var k = 0; k < intervals; k++)
            {
                var offset = reading.Start + (scenario.Interval * k) - scenario.Start;
                var day = (int)(offset.Ticks / TimeSpan.TicksPerDay);
                if (day >= 0 && day < days.Length)
                {
                    days[day][(int)((offset.Ticks % TimeSpan.TicksPerDay) / scenario.Interval.Ticks)] = reading.ImportWh / 1000.0 / intervals;
                }
            }
        }

        return days;
    }

    // The training fleet: households of the same model under another seed (equipped with PV and
    // heating as the scenario says), net imports rounded to the
    // meters' whole Wh, every known attack type injected into a share of the days that used at
    // least 1 kWh, and simulated feeders as large as the scenario's concentrator areas.
    private static HybridTheftDetector Train(ScenarioPlan plan)
    {
        var scenario = plan.Scenario;
        var screening = scenario.TheftScreening;
        var seed = scenario.Seed ^ TrainingStream;
        var model = new HouseholdLoadModel(plan.LoadParameters, seed);
        var perDay = scenario.IntervalsPerDay;
        var dates = Enumerable.Range(0, scenario.Days).Select(d => DateOnly.FromDateTime(scenario.Start.UtcDateTime.AddDays(d))).ToArray();
        var training = new LabelledHousehold[screening.TrainingHouseholds];
        for (var h = 0; h < training.Length; h++)
        {
            var household = plan.CreateHousehold(model, h);
            var readings = new double[dates.Length][];
            for (var d = 0; d < dates.Length; d++)
            {
                readings[d] = new double[perDay];
                for (var t = 0; t < perDay; t++)
                {
                    var kwh = HouseholdFlows.Next(household, scenario.Start + (scenario.Interval * ((d * perDay) + t)), scenario.Interval).Import;
                    readings[d][t] = Math.Round(kwh * 1000, MidpointRounding.ToEven) / 1000;
                }
            }

            training[h] = new LabelledHousehold(string.Create(CultureInfo.InvariantCulture, $"TRAIN-{h:D6}"), dates, readings);
        }

        var data = new TheftDataSet("training fleet", scenario.Interval, training, PerCustomer: false);
        var intSeed = (int)(seed & 0x7FFF_FFFF);
        foreach (var household in training)
        {
            household.TrueReadings = [.. household.Readings.Select(r => (double[])r.Clone())];
        }

        // Real thieves keep stealing once they start, so a share of the training households steal
        // every day from a random day on (their own history is then partly stolen too); on top,
        // single stolen days scattered over the others, as the literature's injection does.
        var generator = new AttackGenerator(intSeed);
        foreach (var household in training)
        {
            if (generator.NextUnit() >= screening.TrainingAttackFraction)
            {
                continue;
            }

            var type = generator.Pick(AttackTypes.All);
            var from = (int)(generator.NextUnit() * household.Readings.Length);
            for (var d = from; d < household.Readings.Length; d++)
            {
                if (household.Readings[d].Sum() < 1.0)
                {
                    continue;
                }

                household.Readings[d] = [.. generator.Attack(type, household.Readings[d]).Readings.Select(v => Math.Round(v * 1000, MidpointRounding.ToEven) / 1000)];
                household.Labels[d] = true;
                household.Types[d] = AttackTypes.Label(type);
            }
        }

        AttackInjector.Inject(data, screening.TrainingAttackFraction / 2, AttackTypes.All, intSeed, minimumDayKWh: 1.0);
        if (!data.HasPositives)
        {
            throw new AnalyticsInputException("the training fleet has no day of at least 1 kWh to attack; raise theft_screening.training_households", nameof(plan));
        }

        var feeders = FeederSimulator.Build(data, plan.Spec.MetersPerConcentrator, intSeed);
        var features = TheftFeatureExtractor.Extract([.. data.Households.Select(h => new HouseholdDays(h.Id, h.Dates, h.Readings))], feeders);
        var labels = data.Households.SelectMany(h => h.Labels).ToArray();
        var detector = new HybridTheftDetector(perDay, new TheftDetectorOptions { Seed = intSeed, TargetFalsePositiveRate = screening.TargetFalsePositiveRate });
        detector.Fit(features, labels);
        return detector;
    }
}
