using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SmartGrid.Analytics;
using SmartGrid.Cli.Simulating;
using SmartGrid.Client;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Scenarios;
using SmartGrid.Simulation.Time;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid simulate SCENARIO.json [--out DIR]</c>: runs a scenario through the real pipeline
/// (device signing, ingest and verification, chains, anchoring tier by tier, analytics in the silo,
/// then the utility's theft screening of the verified readings) at accelerated time, with live
/// progress, and writes a result folder (see <see cref="SimulationResults"/>).
/// </summary>
public static class SimulateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (JSON; see benchmarks/scenarios and docs/SCENARIOS.md)" };
        var output = new Option<string?>("--out") { Description = "Result folder (must not hold a run yet); default runs/NAME-seedSEED" };
        var seed = new Option<ulong?>("--seed") { Description = "Run with this seed instead of the scenario's" };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => 11_111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to", DefaultValueFactory = _ => 30_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Uploads in flight at once", DefaultValueFactory = _ => 64 };
        concurrency.Validators.Add(r => OptionRange.Check(r, r.GetValue(concurrency), 1, 4_096, "--concurrency"));
        siloPort.Validators.Add(r => OptionRange.Check(r, r.GetValue(siloPort), 1, 65_535, "--silo-port"));
        gatewayPort.Validators.Add(r => OptionRange.Check(r, r.GetValue(gatewayPort), 1, 65_535, "--gateway-port"));
        var command = new Command("simulate", "Run a benchmark scenario through the real pipeline and write its results (summary.json, CSVs, plots).")
        {
            scenario, output, seed, siloPort, gatewayPort, concurrency,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            parse.GetValue(scenario)!,
            parse.GetValue(output),
            parse.GetValue(seed),
            new EmbeddedProfileOptions { SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort) },
            parse.GetValue(concurrency),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string scenarioPath, string? outPath, ulong? seed, EmbeddedProfileOptions ports, int concurrency, CancellationToken cancellationToken)
    {
        ScenarioPlan plan;
        string directory;
        try
        {
            var scenario = ScenarioFile.Load(scenarioPath);
            if (seed is { } chosen)
            {
                scenario = scenario with { Seed = chosen };
            }

            plan = new ScenarioPlan(scenario);
            directory = Path.GetFullPath(outPath ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}-seed{scenario.Seed}")));
            if (File.Exists(Path.Combine(directory, SimulationResults.SummaryFile)) || Directory.Exists(Path.Combine(directory, "data")))
            {
                throw new ScenarioException(scenarioPath, "", $"{directory} already holds a run; choose another --out (results are never overwritten)");
            }
        }
        catch (ScenarioException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        var dataDirectory = Path.Combine(directory, "data");
        Directory.CreateDirectory(dataDirectory);
        var root = UtilityRootFiles.LoadOrCreate(dataDirectory);
        var clock = new SimulationClock();
        var startedUtc = DateTimeOffset.UtcNow;
        var profile = new EmbeddedProfileOptions { DataDirectory = dataDirectory, SiloPort = ports.SiloPort, GatewayPort = ports.GatewayPort };
        console.MarkupLineInterpolated($"scenario [bold]{plan.Scenario.Name}[/] (seed {plan.Scenario.Seed}): {plan.Spec.Meters:N0} meters, {plan.Scenario.Days} days, {plan.Thieves:N0} thieves; results in [bold]{directory}[/]");
        var analytics = plan.Scenario.Analytics;
        using var host = await EmbeddedSilo.StartAsync(profile, clock, o => (o.AreaAnalytics, o.HouseholdAnalytics) = (analytics.Areas, analytics.Households), cancellationToken).ConfigureAwait(false);
        try
        {
            var client = SmartGridClient.FromGrainFactory(host.Services.GetRequiredService<IGrainFactory>());
            var runner = new FleetRunner(client, root, clock, concurrency) { Consensus = plan.Scenario.Consensus };
            var devicesWatch = Stopwatch.StartNew();
            var fleet = plan.CreateFleet();
            var devicesSeconds = devicesWatch.Elapsed.TotalSeconds;
            var conditions = plan.FleetConditions();
            var timeline = new List<TimelineSample>();
            FleetRunReport report = null!;
            double provisionSeconds = 0;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var provisioning = context.AddTask("provisioning", maxValue: plan.Spec.Meters);
                    var watch = Stopwatch.StartNew();
                    await runner.PrepareAsync(fleet, new Progress<int>(n => provisioning.Value = n), cancellationToken).ConfigureAwait(false);
                    provisioning.Value = plan.Spec.Meters;
                    provisionSeconds = watch.Elapsed.TotalSeconds;

                    var uploading = context.AddTask("uploading", maxValue: 1);
                    var run = Stopwatch.StartNew();

                    // Sampled synchronously in the runner's callback so the timeline holds every slot, in order.
                    var progress = new SynchronousProgress<FleetProgress>(p =>
                    {
                        var sample = new TimelineSample(run.Elapsed.TotalSeconds, p.SimulatedTime, p.BlocksAccepted, p.ReadingsAccepted, RunEnvironment.WorkingSet(), GC.GetTotalMemory(false))
                        {
                            Gen2Collections = GC.CollectionCount(2),
                            GcPauseSeconds = GC.GetTotalPauseDuration().TotalSeconds,
                        };
                        var rate = sample.WallSeconds > 0 ? p.ReadingsAccepted / sample.WallSeconds : 0;
                        timeline.Add(sample);
                        uploading.MaxValue = Math.Max(1, p.BlocksTotal);
                        uploading.Value = p.BlocksDone;
                        uploading.Description = string.Create(CultureInfo.InvariantCulture,
                            $"simulated {p.SimulatedTime:yyyy-MM-dd HH:mm}, {rate:N0} readings/s, {(sample.WallSeconds > 0 ? p.BlocksAccepted / sample.WallSeconds : 0):N0} blocks/s, {sample.WorkingSetBytes / 1048576:N0} MiB");
                    });
                    report = await runner.RunAsync(fleet, plan.Scenario.End, conditions, progress, cancellationToken).ConfigureAwait(false);
                    uploading.Value = uploading.MaxValue;
                }).ConfigureAwait(false);

            TheftScreeningResult? theft = null;
            string? skipped = null;
            var screenWatch = Stopwatch.StartNew();
            if (plan.Scenario.TheftScreening.Enabled ?? !plan.Scenario.Attackers.IsDefaultOrEmpty)
            {
                console.WriteLine("screening the verified readings for theft");
                try
                {
                    (theft, skipped) = await TheftScreening.RunAsync(client, plan.ScreeningSetup(), fleet, cancellationToken).ConfigureAwait(false);
                }
                catch (AnalyticsInputException ex)
                {
                    skipped = $"theft screening could not run: {ex.Message}";
                }

                if (theft is { Problems.Count: > 0 })
                {
                    console.MarkupLineInterpolated($"[yellow]the screening left out {theft.Problems.Count} chains it could not use; first: {theft.Problems[0]}[/]");
                }

                if (theft is not null)
                {
                    // The screening grain handed the alarms to the concentrators; one seal of the hierarchy
                    // signs them into their chains, where audits and `events` see them. A node that cannot
                    // seal now keeps them for its next block; the summary counts it.
                    var problems = theft.SignedEvents > 0 ? await runner.SealTiersAsync(plan.Spec, cancellationToken).ConfigureAwait(false) : [];
                    report = report with
                    {
                        Tiers = await runner.SummarizeTiersAsync(fleet, cancellationToken).ConfigureAwait(false),
                        AnchoringErrors = [.. report.AnchoringErrors, .. problems],
                    };
                }
            }

            // The fault verdicts the concentrators signed, against the faults the scenario injected.
            var faultVerdicts = new List<ChainEvent>();
            await foreach (var recorded in RecordedEvents.ReadAsync(host.Services.GetRequiredService<ILedgerStore>(), [DeviceRole.Concentrator], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (FaultEvaluation.IsFaultVerdict(recorded.Event.Kind))
                {
                    faultVerdicts.Add(recorded.Event);
                }
            }

            var meterIds = fleet.Meters.Select(m => m.Id.Value).ToList();
            var outcome = new SimulationOutcome
            {
                Plan = plan,
                Fleet = fleet,
                Report = report,
                Theft = theft,
                TheftSkipped = skipped,
                Faults = FaultEvaluation.Evaluate(fleet.Meters.Count, FaultEvaluation.TruthOf(plan, meterIds), faultVerdicts),
                FaultVerdicts = faultVerdicts.GroupBy(e => e.Subject.Value, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Kind.ToString()).Distinct().Order(StringComparer.Ordinal)], StringComparer.Ordinal),
                SampleCurves = await SampleCurvesAsync(client, plan, fleet, cancellationToken).ConfigureAwait(false),
                Efficiency = plan.Scenario.Consensus ? await CommittedEfficiency.ReadAsync(host.Services.GetRequiredService<ILedgerStore>(), cancellationToken).ConfigureAwait(false) : null,
                Timeline = timeline,
                DevicesSeconds = devicesSeconds,
                ProvisionSeconds = provisionSeconds,
                ScreeningSeconds = screenWatch.Elapsed.TotalSeconds,
                PeakWorkingSetBytes = RunEnvironment.PeakWorkingSet(),
                Environment = RunEnvironment.Current(),
                StartedUtc = startedUtc,
            };
            SimulationResults.Write(directory, outcome);
            PrintSummary(console, outcome, directory);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine($"interrupted: the ledger so far is in {dataDirectory}; no results were written");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    // Two honest households and up to two thieves, their energies read back from their chains.
    private static async Task<IReadOnlyList<LoadCurve>> SampleCurvesAsync(SmartGridClient client, ScenarioPlan plan, VirtualFleet fleet, CancellationToken cancellationToken)
    {
        var honest = Enumerable.Range(0, fleet.Meters.Count).Where(i => plan.ConditionsOf(i)?.Attack is null).Take(2);
        var thieves = Enumerable.Range(0, fleet.Meters.Count).Where(i => plan.ConditionsOf(i)?.Attack is not null).Take(2);
        var curves = new List<LoadCurve>();
        foreach (var i in honest.Concat(thieves))
        {
            var energies = (await ChainEnergies.ReadAsync(client, fleet.Meters[i].Id, cancellationToken).ConfigureAwait(false)).Select(e => e.KWh);
            var attack = plan.ConditionsOf(i)?.Attack is { } type ? $", steals ({Analytics.Attacks.AttackTypes.Label(type)}) from day {plan.ConditionsOf(i)!.StolenDays.DefaultIfEmpty(-1).Min()}" : "";
            curves.Add(new LoadCurve($"{fleet.Meters[i].Id} ({plan.ArchetypeOf(i)}{attack})", plan.Scenario.Start, plan.Scenario.Interval, [.. energies]));
        }

        return curves;
    }

    private static void PrintSummary(IAnsiConsole console, SimulationOutcome outcome, string directory)
    {
        var report = outcome.Report;
        var table = new Table().Title("simulation summary").HideHeaders().AddColumn("").AddColumn(new TableColumn("").RightAligned());
        void Row(string name, FormattableString value) => table.AddRow(name.EscapeMarkup(), value.ToString(CultureInfo.InvariantCulture).EscapeMarkup());
        Row("scenario", $"{outcome.Plan.Scenario.Name}, seed {outcome.Plan.Scenario.Seed}");
        Row("meters", $"{report.Meters:N0}");
        Row("simulated period", $"{report.From:yyyy-MM-dd HH:mm} .. {report.To:yyyy-MM-dd HH:mm} UTC");
        Row("blocks accepted", $"{report.BlocksAccepted:N0} of {report.BlocksSubmitted:N0}");
        Row("readings accepted", $"{report.ReadingsAccepted:N0}");
        Row("uploads deferred (outages)", $"{report.UploadsDeferred:N0}");
        if (report.Errors.Length > 0)
        {
            Row("upload errors (blocks kept by their meters)", $"{report.Errors.Length:N0}, first: {report.Errors[0]}");
        }

        if (report.AnchoringErrors.Length > 0)
        {
            Row("anchoring errors (sealed with the next interval)", $"{report.AnchoringErrors.Length:N0}, first: {report.AnchoringErrors[0]}");
        }

        foreach (var tier in report.Tiers)
        {
            Row($"{Tier.NameOf(tier.Role)} tier", $"{tier.Nodes:N0} nodes, {tier.Blocks:N0} blocks, {tier.Anchors:N0} anchors, {tier.LateDeliveries:N0} late");
        }

        if (report.Areas is { } areas)
        {
            Row("area findings", $"{(areas.Findings.Count == 0 ? "none" : string.Join(", ", areas.Findings.Select(f => $"{f.Key} {f.Value:N0}")))}");
        }

        foreach (var kind in outcome.Faults.Where(f => f.FaultyMeters > 0 || f.Verdicts > 0))
        {
            Row($"meter faults: {kind.Kind}", $"{kind.Detected:N0} of {kind.FaultyMeters:N0} detected ({kind.Verdict}), {kind.FalseAlarmMeters:N0} other meters flagged{(kind.MedianDelayHours is { } delay ? string.Create(CultureInfo.InvariantCulture, $", median delay {delay:0.#} h") : "")}");
        }

        if (outcome.Theft is { } theft)
        {
            Row("theft alerts", $"{theft.Alerts:N0} household-days, {theft.TrueAlerts:N0} of {theft.StolenDays:N0} stolen days caught, {theft.SignedEvents:N0} signed into concentrator chains");
            if (theft.Evaluation is { } evaluation)
            {
                var c = evaluation.Overall.Counts;
                Row("theft detection", $"{c.DetectionRate:P1} at {c.FalsePositiveRate:P2} false positives, ROC AUC {evaluation.Overall.RocAuc:0.000}");
            }
        }
        else if (outcome.TheftSkipped is { } skipped)
        {
            Row("theft screening", $"{skipped}");
        }

        var seconds = report.Elapsed.TotalSeconds;
        Row("wall time (uploads)", $"{seconds:N1} s");
        Row("readings per second", $"{(seconds > 0 ? report.ReadingsAccepted / seconds : 0):N0}");
        Row("peak RSS", $"{outcome.PeakWorkingSetBytes / 1048576.0:N0} MiB");
        Row("results", $"{directory}");
        console.Write(table);
    }

    // Progress<T> posts to the thread pool; the timeline needs every report, in order.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
