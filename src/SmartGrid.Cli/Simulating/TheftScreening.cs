using System.Globalization;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Evaluation;
using SmartGrid.Analytics.Theft;
using SmartGrid.Cli.EvalTheft;
using SmartGrid.Client;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Cli.Simulating;

/// <summary>
/// The utility's theft screening of a simulated run. The CLI fits the hybrid detector on a separate
/// fleet of the same load model under another seed (households it never scores), with attacks of
/// every known type injected, so the figures are out-of-sample; it installs the model in the
/// utility's screening grain (<see cref="SmartGridClient.InstallTheftModelAsync"/>), which scores
/// every household-day of the fleet's concentrator areas from the stored chains (the meters' and
/// the concentrators' feeder readings) and hands its alarms to the concentrators. The CLI only
/// judges the verdicts against the ground truth.
/// </summary>
public static class TheftScreening
{
    /// <summary>Days of history the detector needs per household.</summary>
    public const int MinimumDays = 3;

    private const ulong TrainingStream = 0x747261696E696E67UL; // "training"

    /// <summary>
    /// Screens the household-days of <paramref name="setup"/>'s window; null (with the reason) when
    /// the window is too short or the screening grain refused. The ground truth is each meter's
    /// <see cref="ScenarioMeterConditions"/>. The alarms are recorded for the concentrators' next
    /// blocks (<see cref="TheftScreeningResult.SignedEvents"/>); seal them to sign them.
    /// </summary>
    public static async Task<(TheftScreeningResult? Result, string? Skipped)> RunAsync(
        SmartGridClient client, TheftScreeningSetup setup, VirtualFleet fleet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(fleet);
        if (setup.Days < MinimumDays)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"theft screening needs at least {MinimumDays} days of readings per household; there are {setup.Days}"));
        }

        var detector = Train(setup, fleet.Spec.MetersPerConcentrator);
        cancellationToken.ThrowIfCancellationRequested();
        var topology = new FleetTopology(fleet.Spec);
        var installed = await client.InstallTheftModelAsync(topology.Utility, detector.Save()).ConfigureAwait(false);
        if (!installed.Installed)
        {
            return (null, $"theft screening could not run: the screening grain refused the model: {installed.Error}");
        }

        var concentrators = Enumerable.Range(0, topology.Concentrators).Select(topology.ConcentratorAt);
        var report = await client.ScreenTheftAsync(topology.Utility, concentrators, setup.Start, setup.Days).ConfigureAwait(false);
        if (report.Outcome != TheftScreeningOutcome.Screened)
        {
            return (null, $"theft screening could not run: {report.Message}");
        }

        // Household-days in fleet order, days in date order, whatever order the grain answered in.
        var index = Enumerable.Range(0, fleet.Meters.Count).ToDictionary(i => fleet.Meters[i].Id.Value, StringComparer.Ordinal);
        var scored = new List<ScoredItem>(report.Verdicts.Length);
        foreach (var verdict in report.Verdicts.Where(v => index.ContainsKey(v.Meter.Value)).OrderBy(v => index[v.Meter.Value]).ThenBy(v => v.DayStart))
        {
            var date = DateOnly.FromDateTime(verdict.DayStart.UtcDateTime);
            var conditions = fleet.Meters[index[verdict.Meter.Value]].Conditions as ScenarioMeterConditions;
            var stolen = conditions?.Attack is not null && conditions.IsStolen(date);
            var type = stolen ? AttackTypes.Label(conditions!.Attack!.Value) : null;
            scored.Add(new ScoredItem(verdict.Meter.Value, date, stolen, type, verdict.Score, verdict.Alarm, [.. verdict.Fired]));
        }

        var evaluation = scored.Any(s => s.Label) && scored.Any(s => !s.Label)
            ? TheftEvaluation.Of([.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Label)], [.. scored.Select(s => s.AttackType)], report.Threshold)
            : null;
        return (new TheftScreeningResult(scored, evaluation, report.Threshold) { SignedEvents = report.AlarmsRecorded, Problems = report.Problems }, null);
    }

    // The training fleet: households of the same model under another seed (equipped with PV and
    // heating as the scenario says), net imports rounded to the
    // meters' whole Wh, every known attack type injected into a share of the days that used at
    // least 1 kWh, and simulated feeders as large as the scenario's concentrator areas.
    private static HybridTheftDetector Train(TheftScreeningSetup setup, int feederSize)
    {
        var screening = setup.Screening;
        var seed = setup.Seed ^ TrainingStream;
        var model = new HouseholdLoadModel(setup.LoadParameters, seed);
        var perDay = setup.IntervalsPerDay;
        var dates = setup.Dates();
        var training = new LabelledHousehold[screening.TrainingHouseholds];
        for (var h = 0; h < training.Length; h++)
        {
            var household = setup.Household(model, h);
            var readings = new double[dates.Length][];
            for (var d = 0; d < dates.Length; d++)
            {
                readings[d] = new double[perDay];
                for (var t = 0; t < perDay; t++)
                {
                    var kwh = HouseholdFlows.Next(household, setup.Start + (setup.Interval * ((d * perDay) + t)), setup.Interval).Import;
                    readings[d][t] = Math.Round(kwh * 1000, MidpointRounding.ToEven) / 1000;
                }
            }

            training[h] = new LabelledHousehold(string.Create(CultureInfo.InvariantCulture, $"TRAIN-{h:D6}"), dates, readings);
        }

        var data = new TheftDataSet("training fleet", setup.Interval, training, PerCustomer: false);
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
            throw new AnalyticsInputException("the training fleet has no day of at least 1 kWh to attack; raise theft_screening.training_households", nameof(setup));
        }

        var feeders = FeederSimulator.Build(data, feederSize, intSeed);
        var features = TheftFeatureExtractor.Extract([.. data.Households.Select(h => new HouseholdDays(h.Id, h.Dates, h.Readings))], feeders);
        var labels = data.Households.SelectMany(h => h.Labels).ToArray();
        var detector = new HybridTheftDetector(perDay, new TheftDetectorOptions { Seed = intSeed, TargetFalsePositiveRate = screening.TargetFalsePositiveRate });
        detector.Fit(features, labels);
        return detector;
    }
}
