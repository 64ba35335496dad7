using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartGrid.Cli.EvalTheft;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Ledger.Tiers;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Cli.Simulating;

/// <summary>
/// Writes a scenario run's result folder: <c>summary.json</c> (scenario, seed, version, machine,
/// the run's <c>figures</c>, which repeat exactly for the same scenario and seed, and its
/// <c>performance</c>, which does not), <c>scenario.json</c>, <c>tiers.csv</c>,
/// <c>households.csv</c>, <c>timeline.csv</c>, the theft screening's scores, report and ROC, and
/// the plots.
/// </summary>
public static class SimulationResults
{
    /// <summary>The summary file of a result folder (what <c>smartgrid compare</c> reads).</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>The scenario as it ran.</summary>
    public const string ScenarioFileName = "scenario.json";

    /// <summary>Format version of <see cref="SummaryFile"/>.</summary>
    public const int SummaryVersion = 1;

    /// <summary>Writes every file of the result folder <paramref name="directory"/>.</summary>
    public static void Write(string directory, SimulationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ScenarioFileName), ScenarioFile.Write(outcome.Plan.Scenario));
        WriteSummary(Path.Combine(directory, SummaryFile), outcome);
        WriteTiers(Path.Combine(directory, "tiers.csv"), outcome.Report);
        WriteHouseholds(Path.Combine(directory, "households.csv"), outcome);
        WriteTimeline(Path.Combine(directory, "timeline.csv"), outcome.Timeline);
        SimulationPlots.Throughput(Path.Combine(directory, "throughput.png"), outcome.Timeline);
        SimulationPlots.Memory(Path.Combine(directory, "memory.png"), outcome.Timeline);
        SimulationPlots.LoadCurves(Path.Combine(directory, "load-curves.png"), outcome.SampleCurves);
        if (outcome.Efficiency is { } efficiency)
        {
            WriteValidators(Path.Combine(directory, "validators.csv"), efficiency);
            WriteRewards(Path.Combine(directory, "rewards.csv"), efficiency);
        }
        if (outcome.Theft is { } theft)
        {
            EvalTheftOutputs.WriteScores(Path.Combine(directory, EvalTheftOutputs.ScoresFileName), theft.Scored);
            if (theft.Evaluation is { } evaluation)
            {
                EvalTheftOutputs.WriteReport(Path.Combine(directory, "theft-report.json"), evaluation);
                EvalTheftOutputs.WriteRocPlot(Path.Combine(directory, EvalTheftOutputs.RocFileName), theft.Scored, evaluation);
            }
        }
    }

    private static void WriteSummary(string path, SimulationOutcome outcome)
    {
        var scenario = outcome.Plan.Scenario;
        var report = outcome.Report;
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("format", SummaryVersion);
        json.WriteString("scenario", scenario.Name);
        json.WriteNumber("seed", scenario.Seed);
        json.WriteString("version", outcome.Environment.Version);
        json.WriteString("started_utc", outcome.StartedUtc.ToString("O", CultureInfo.InvariantCulture));
        json.WriteStartObject("machine");
        json.WriteString("name", outcome.Environment.MachineName);
        json.WriteString("os", outcome.Environment.OperatingSystem);
        json.WriteString("runtime", outcome.Environment.Runtime);
        json.WriteNumber("processors", outcome.Environment.ProcessorCount);
        json.WriteNumber("memory_bytes", outcome.Environment.MemoryBytes);
        json.WriteEndObject();

        json.WriteStartObject("figures");
        WriteFigures(json, outcome);
        json.WriteEndObject();

        json.WriteStartObject("performance");
        var runSeconds = report.Elapsed.TotalSeconds;
        json.WriteNumber("devices_seconds", Math.Round(outcome.DevicesSeconds, 3));
        json.WriteNumber("provision_seconds", Math.Round(outcome.ProvisionSeconds, 3));
        json.WriteNumber("run_seconds", Math.Round(runSeconds, 3));
        json.WriteNumber("anchoring_seconds", Math.Round(report.AnchoringElapsed.TotalSeconds, 3));
        json.WriteNumber("screening_seconds", Math.Round(outcome.ScreeningSeconds, 3));
        json.WriteNumber("readings_per_second", runSeconds > 0 ? Math.Round(report.ReadingsAccepted / runSeconds, 1) : 0);
        json.WriteNumber("blocks_per_second", Math.Round(report.BlocksPerSecond, 1));
        json.WriteNumber("peak_rss_bytes", outcome.PeakWorkingSetBytes);
        json.WriteNumber("peak_managed_bytes", outcome.Timeline.Count == 0 ? 0 : outcome.Timeline.Max(s => s.ManagedBytes));
        json.WriteNumber("gen2_collections", GC.CollectionCount(2));
        json.WriteNumber("gc_pause_seconds", Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter json, SimulationOutcome outcome)
    {
        var plan = outcome.Plan;
        var report = outcome.Report;
        var topology = new FleetTopology(plan.Spec);
        json.WriteNumber("meters", report.Meters);
        json.WriteNumber("concentrators", topology.Concentrators);
        json.WriteNumber("substations", plan.Scenario.Topology.Substations);
        json.WriteNumber("appliances", (long)report.Meters * plan.Spec.AppliancesPerHousehold);
        json.WriteNumber("days", plan.Scenario.Days);
        json.WriteBoolean("consensus", plan.Scenario.Consensus);
        json.WriteString("simulated_from", report.From.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("simulated_to", report.To.ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("blocks_submitted", report.BlocksSubmitted);
        json.WriteNumber("blocks_accepted", report.BlocksAccepted);
        json.WriteNumber("readings_accepted", report.ReadingsAccepted);
        json.WriteNumber("appliance_reports_accepted", report.ApplianceReportsAccepted);
        json.WriteNumber("uploads_deferred", report.UploadsDeferred);
        json.WriteNumber("upload_errors", report.Errors.Length);
        json.WriteNumber("anchoring_errors", report.AnchoringErrors.Length);
        json.WriteStartObject("rejections");
        foreach (var (reason, count) in report.Rejections)
        {
            json.WriteNumber(reason.ToString(), count);
        }

        json.WriteEndObject();
        json.WriteStartObject("tiers");
        foreach (var tier in report.Tiers)
        {
            json.WriteStartObject(Tier.NameOf(tier.Role));
            json.WriteNumber("nodes", tier.Nodes);
            json.WriteNumber("height_min", tier.MinHeight);
            json.WriteNumber("height_max", tier.MaxHeight);
            json.WriteNumber("blocks", tier.Blocks);
            json.WriteNumber("anchors", tier.Anchors);
            json.WriteNumber("late_deliveries", tier.LateDeliveries);
            json.WriteNumber("late_blocks", tier.LateBlocks);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        var consumed = outcome.Fleet.Meters.Sum(m => m.ConsumedWh);
        var reported = outcome.Fleet.Meters.Sum(m => m.ImportRegisterWh);
        json.WriteStartObject("energy");
        json.WriteNumber("consumed_kwh", consumed / 1000.0);
        json.WriteNumber("reported_kwh", reported / 1000.0);
        json.WriteNumber("exported_kwh", outcome.Fleet.Meters.Sum(m => m.ExportedWh) / 1000.0);
        if (report.Areas is { } areas)
        {
            json.WriteNumber("feeder_kwh", Math.Round(areas.FeederWh / 1000, 3));
            json.WriteNumber("metered_kwh", Math.Round(areas.MeteredWh / 1000, 3));
        }

        json.WriteEndObject();
        json.WriteStartObject("area_findings");
        if (report.Areas is { } findings)
        {
            foreach (var (kind, count) in findings.Findings)
            {
                json.WriteNumber(kind, count);
            }
        }

        json.WriteEndObject();
        json.WriteStartObject("faults");
        foreach (var kind in outcome.Faults)
        {
            json.WriteStartObject(kind.Kind);
            json.WriteString("verdict", kind.Verdict);
            json.WriteNumber("faulty_meters", kind.FaultyMeters);
            json.WriteNumber("detected", kind.Detected);
            WriteRate(json, "detection_rate", kind.DetectionRate);
            json.WriteNumber("false_alarm_meters", kind.FalseAlarmMeters);
            WriteRate(json, "false_alarm_rate", kind.FalseAlarmRate);
            json.WriteNumber("verdicts", kind.Verdicts);
            json.WriteNumber("out_of_window_verdicts", kind.OutOfWindow);
            WriteRate(json, "median_delay_hours", kind.MedianDelayHours);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (outcome.Efficiency is { } committed)
        {
            WriteConsensus(json, committed);
        }

        json.WriteNumber("thieves", plan.Thieves);
        json.WriteNumber("stolen_household_days", Enumerable.Range(0, report.Meters).Sum(i => plan.ConditionsOf(i)?.StolenDays.Count ?? 0));
        json.WriteStartObject("theft");
        if (outcome.Theft is { } theft)
        {
            json.WriteNumber("household_days", theft.Scored.Count);
            json.WriteNumber("alerts", theft.Alerts);
            json.WriteNumber("true_alerts", theft.TrueAlerts);
            json.WriteNumber("signed_events", theft.SignedEvents);
            json.WriteNumber("threshold", Math.Round(theft.Threshold, 6));
            if (theft.Evaluation is { } evaluation)
            {
                EvalTheftOutputs.WriteFigures(json, evaluation.Overall);
                json.WriteStartObject("per_type");
                foreach (var (type, figures) in evaluation.PerType)
                {
                    json.WriteStartObject(type);
                    EvalTheftOutputs.WriteFigures(json, figures);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }
        }
        else
        {
            json.WriteString("skipped", outcome.TheftSkipped ?? "the scenario has no attackers (set theft_screening.enabled to screen anyway)");
        }

        json.WriteEndObject();
    }

    // figures.poef (figures.consensus says whether the scenario ran it): certified blocks per tier; what the concentrators' areas showed, in %
    // (weighted by the blocks in which they showed); the households' rewards.
    private static void WriteConsensus(Utf8JsonWriter json, CommittedEfficiency efficiency)
    {
        json.WriteStartObject("poef");
        json.WriteStartObject("certified_blocks");
        foreach (var (role, blocks) in efficiency.CertifiedBlocks)
        {
            json.WriteNumber(Tier.NameOf(role), blocks);
        }

        json.WriteEndObject();
        var means = efficiency.AreaMeans();
        WriteRate(json, "forecast_error_percent", means?.ForecastErrorBp / 100);
        WriteRate(json, "loss_percent", means?.LossBp / 100);
        WriteRate(json, "completeness_percent", means?.CompletenessBp / 100);
        json.WriteNumber("absent_area_blocks", efficiency.AbsentAreaBlocks);
        json.WriteNumber("rewarded_households", efficiency.Rewards.Length);
        json.WriteNumber("reward_credits", efficiency.MilliCredits / 1000m);
        json.WriteNumber("unread_records", efficiency.Problems.Length);
        json.WriteEndObject();
    }

    private static void WriteValidators(string path, CommittedEfficiency efficiency)
    {
        var text = new StringBuilder("chain_tier,chain,validator,blocks,absent,forecast_error_bp,loss_bp,completeness_bp,score_ppm\n");
        foreach (var v in efficiency.Validators)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Tier.NameOf(v.ChainRole)},{v.Chain},{v.Validator},{v.Blocks},{v.Absent},{Bp(v.ForecastErrorBp)},{Bp(v.LossBp)},{Bp(v.CompletenessBp)},{v.Score}\n");
        }

        File.WriteAllText(path, text.ToString());
        static string Bp(double value) => double.IsNaN(value) ? "" : value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static void WriteRewards(string path, CommittedEfficiency efficiency)
    {
        var text = new StringBuilder("household,credits,blocks\n");
        foreach (var r in efficiency.Rewards)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Household},{r.MilliCredits / 1000m:0.000},{r.Blocks}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    // A figure that does not exist (no faulty meter, nothing detected) is null, never a made-up 0.
    private static void WriteRate(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTiers(string path, FleetRunReport report)
    {
        var text = new StringBuilder("tier,nodes,height_min,height_max,blocks,anchors,late_deliveries,late_blocks\n");
        foreach (var t in report.Tiers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Tier.NameOf(t.Role)},{t.Nodes},{t.MinHeight},{t.MaxHeight},{t.Blocks},{t.Anchors},{t.LateDeliveries},{t.LateBlocks}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    private static void WriteHouseholds(string path, SimulationOutcome outcome)
    {
        var plan = outcome.Plan;
        var topology = new FleetTopology(plan.Spec);
        var theft = outcome.Theft?.Scored.GroupBy(s => s.HouseholdId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Max: g.Max(s => s.Score), Alerts: g.Count(s => s.Alarm)), StringComparer.Ordinal);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write("meter_id,concentrator,archetype,pv_kwp,electric_heating,attack_type,stolen_days,consumed_kwh,reported_kwh,exported_kwh,max_theft_score,theft_alerts,three_phase,fault,fault_from,fault_to,fault_verdicts\n");
        for (var i = 0; i < outcome.Fleet.Meters.Count; i++)
        {
            var meter = outcome.Fleet.Meters[i];
            var conditions = plan.ConditionsOf(i);
            var attack = conditions?.Attack is { } type ? Analytics.Attacks.AttackTypes.Label(type) : "";
            var score = theft is not null && theft.TryGetValue(meter.Id.Value, out var s) ? s : (Max: double.NaN, Alerts: 0);
            var equipment = plan.EquipmentOf(i);
            var fault = plan.FaultOf(i);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{meter.Id},{topology.ConcentratorAt(topology.ConcentratorOf(i))},{plan.ArchetypeOf(i)},{equipment.Kwp:0.##},{(equipment.ElectricHeating ? 1 : 0)},{attack},{conditions?.StolenDays.Count ?? 0},{meter.ConsumedWh / 1000.0:0.000},{meter.ImportRegisterWh / 1000.0:0.000},{meter.ExportedWh / 1000.0:0.000},{(double.IsNaN(score.Max) ? "" : score.Max.ToString("0.######", CultureInfo.InvariantCulture))},{score.Alerts},"));
            var verdicts = outcome.FaultVerdicts.TryGetValue(meter.Id.Value, out var kinds) ? string.Join(';', kinds) : "";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{(plan.IsThreePhase(i) ? 1 : 0)},{fault?.Kind},{fault?.From:O},{fault?.To:O},{verdicts}\n"));
        }
    }

    private static void WriteTimeline(string path, IReadOnlyList<TimelineSample> timeline)
    {
        var text = new StringBuilder("wall_seconds,simulated_time,blocks_accepted,readings_accepted,readings_per_second,working_set_mb,managed_mb,gen2_collections,gc_pause_seconds\n");
        var previous = new TimelineSample(0, default, 0, 0, 0, 0);
        foreach (var s in timeline)
        {
            var dt = s.WallSeconds - previous.WallSeconds;
            var rate = dt > 0 ? (s.ReadingsAccepted - previous.ReadingsAccepted) / dt : 0;
            text.Append(CultureInfo.InvariantCulture, $"{s.WallSeconds:0.###},{s.SimulatedTime:yyyy-MM-ddTHH:mm:ssZ},{s.BlocksAccepted},{s.ReadingsAccepted},{rate:0.#},{s.WorkingSetBytes / 1048576.0:0.0},{s.ManagedBytes / 1048576.0:0.0},{s.Gen2Collections},{s.GcPauseSeconds:0.###}\n");
            previous = s;
        }

        File.WriteAllText(path, text.ToString());
    }
}
