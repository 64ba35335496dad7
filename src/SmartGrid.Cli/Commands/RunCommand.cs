using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Cli.Simulating;
using SmartGrid.Client;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Time;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid run</c>: start a silo on the embedded default, provision a virtual fleet, feed it
/// simulated days at accelerated time, print a summary, and optionally keep serving clients.
/// </summary>
public static class RunCommand
{
    private const int DefaultMeters = 300;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder (created if missing)", DefaultValueFactory = _ => "data" };
        var meters = new Option<int>("--meters") { Description = $"Virtual meters in the fleet (a new fleet: {DefaultMeters}; a resumed one keeps its own unless given)", DefaultValueFactory = _ => DefaultMeters };
        var days = new Option<int>("--days") { Description = "Simulated days to feed", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of a new fleet (a resumed fleet keeps its own)", DefaultValueFactory = _ => 42 };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the silo up for clients after the run (Ctrl+C stops it)" };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => 11_111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to", DefaultValueFactory = _ => 30_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Uploads in flight at once", DefaultValueFactory = _ => 64 };
        var perConcentrator = new Option<int>("--meters-per-concentrator") { Description = "Meters per data concentrator, for a new fleet", DefaultValueFactory = _ => FleetFile.DefaultMetersPerConcentrator };
        var topology = new Option<string?>("--topology") { Description = "Topology file (JSON) of a new fleet: substations, their concentrators and each one's meter count" };
        var perSubstation = new Option<int>("--concentrators-per-substation") { Description = "Concentrators per substation, for a new fleet", DefaultValueFactory = _ => FleetFile.DefaultConcentratorsPerSubstation };
        var appliances = new Option<int>("--appliances-per-household") { Description = "Smart appliances per household, each signing reports its meter's blocks carry, for a new fleet (0: none)", DefaultValueFactory = _ => FleetFile.DefaultAppliancesPerHousehold };
        var thieves = new Option<double>("--thieves") { Description = "Share of households that tamper with their meters (h1-h6 attacks), for a new fleet; with 3 or more days the run ends with a theft screening scored against this ground truth", DefaultValueFactory = _ => 0 };
        var consensus = new Option<bool>("--consensus") { Description = "Have each substation's concentrators commit its chain, and the substations the utility's, as PoEf validators (blocks carry commit certificates that `smartgrid audit` checks); once enrolled, a fleet stays so" };
        var committee = new Option<int>("--utility-committee") { Description = "With --consensus: how many substations commit the utility's chain at most (a larger fleet draws a committee; the utility still anchors every substation)", DefaultValueFactory = _ => 16 };
        var theftFromDay = new Option<int>("--theft-from-day") { Description = "Simulated day (0-based) from which the thieves steal, for a new fleet", DefaultValueFactory = _ => 1 };
        thieves.Validators.Add(r =>
        {
            if (r.GetValue(thieves) is < 0 or > 1 || double.IsNaN(r.GetValue(thieves)))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--thieves is a share of households, 0..1, not {r.GetValue(thieves)}"));
            }
        });
        theftFromDay.Validators.Add(r => OptionRange.Check(r, r.GetValue(theftFromDay), 0, 3_649, "--theft-from-day"));
        appliances.Validators.Add(r => OptionRange.Check(r, r.GetValue(appliances), 0, FleetSpec.MaxAppliancesPerHousehold, "--appliances-per-household"));
        perConcentrator.Validators.Add(r => OptionRange.Check(r, r.GetValue(perConcentrator), 1, 65_536, "--meters-per-concentrator"));
        perSubstation.Validators.Add(r => OptionRange.Check(r, r.GetValue(perSubstation), 1, 65_536, "--concentrators-per-substation"));
        meters.Validators.Add(r => OptionRange.Check(r, r.GetValue(meters), 1, 10_000_000, "--meters"));
        committee.Validators.Add(r => OptionRange.Check(r, r.GetValue(committee), 1, 256, "--utility-committee"));
        days.Validators.Add(r => OptionRange.Check(r, r.GetValue(days), 1, 3_650, "--days"));
        concurrency.Validators.Add(r => OptionRange.Check(r, r.GetValue(concurrency), 1, 4_096, "--concurrency"));
        siloPort.Validators.Add(r => OptionRange.Check(r, r.GetValue(siloPort), 1, 65_535, "--silo-port"));
        gatewayPort.Validators.Add(r => OptionRange.Check(r, r.GetValue(gatewayPort), 1, 65_535, "--gateway-port"));

        var command = new Command("run", "Start a silo on the embedded default and feed it a virtual fleet at accelerated time.")
        {
            data, meters, days, seed, keepRunning, siloPort, gatewayPort, concurrency, perConcentrator, perSubstation, topology, appliances, thieves, theftFromDay, consensus, committee,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new RunSettings(
                Path.GetFullPath(parse.GetValue(data)!),
                parse.GetResult(meters) is { Implicit: false } ? parse.GetValue(meters) : null,
                parse.GetValue(days),
                parse.GetValue(seed),
                parse.GetValue(keepRunning),
                parse.GetValue(siloPort),
                parse.GetValue(gatewayPort),
                parse.GetValue(concurrency),
                parse.GetValue(perConcentrator),
                parse.GetValue(perSubstation),
                parse.GetValue(appliances),
                parse.GetValue(topology),
                parse.GetValue(thieves),
                parse.GetValue(theftFromDay),
                parse.GetValue(consensus),
                parse.GetValue(committee)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, RunSettings settings, CancellationToken cancellationToken)
    {
        FleetFile fleetFile;
        try
        {
            var existing = FleetFile.Load(settings.DataDirectory);
            if (existing is not null && settings.Topology is not null)
            {
                throw new InvalidDataException($"the fleet in {settings.DataDirectory} already exists; its topology was fixed when it was created (use an empty folder for --topology)");
            }

            // Meters left out of a run would fall silent, and their concentrators would report
            // them missing at every interval: a fleet grows, it does not shrink.
            if (existing is { Topology: null } && settings.Meters < existing.Meters)
            {
                throw new InvalidDataException($"the fleet in {settings.DataDirectory} has {existing.Meters} meters; --meters {settings.Meters} would leave {existing.Meters - settings.Meters} of them silent (a fleet only grows; use an empty folder for a smaller one)");
            }

            fleetFile = existing ?? NewFleet(settings, settings.Topology is { } path ? TopologyFile.Load(path) : null);
        }
        catch (InvalidDataException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        // The simulated fleet's certificates need the utility root's private key.
        CertificateAuthority root;
        try
        {
            root = UtilityRootFiles.LoadOrCreate(settings.DataDirectory);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        // Consensus is part of the fleet once enrolled: a later run without the flag must still
        // wait for the validators' commits, or its block counts would depend on their pace.
        if (settings.Consensus && fleetFile.Consensus != true)
        {
            fleetFile = fleetFile with { Consensus = true };
        }

        // Written before anything else, so an interrupted first run resumes the same fleet.
        fleetFile.Save(settings.DataDirectory);

        // A resumed fleet keeps its size unless --meters says otherwise.
        var spec = fleetFile.ToSpec(settings.Meters ?? fleetFile.Meters);
        if (spec.Validate() is { } specError)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {specError}");
            return ExitCodes.BadInput;
        }

        var clock = new SimulationClock();
        var profile = new EmbeddedProfileOptions
        {
            DataDirectory = settings.DataDirectory,
            SiloPort = settings.SiloPort,
            GatewayPort = settings.GatewayPort,
        };

        console.MarkupLineInterpolated($"starting the embedded silo on [bold]{settings.DataDirectory}[/] (gateway localhost:{settings.GatewayPort})");
        using var host = await EmbeddedSilo.StartAsync(profile, clock, cancellationToken).ConfigureAwait(false);
        try
        {
            var client = SmartGridClient.FromGrainFactory(host.Services.GetRequiredService<IGrainFactory>());
            var runner = new FleetRunner(client, root, clock, settings.Concurrency) { Consensus = fleetFile.Consensus == true, UtilityCommittee = settings.UtilityCommittee };
            var fleet = VirtualFleet.Create(spec, FleetHouseholds.For(spec));
            var thieves = RunTheft.Equip(fleet, fleetFile);
            FleetRunReport report = null!;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var provisioning = context.AddTask("provisioning meters", maxValue: spec.Meters);
                    await runner.PrepareAsync(fleet, new Progress<int>(n => provisioning.Value = n), cancellationToken).ConfigureAwait(false);
                    provisioning.Value = spec.Meters;

                    var from = fleet.Meters.Min(m => m.Clock);
                    var until = from.AddDays(settings.Days);
                    var uploading = context.AddTask($"uploading {from:yyyy-MM-dd HH:mm} .. {until:yyyy-MM-dd HH:mm}", maxValue: 1);
                    var progress = new Progress<FleetProgress>(p =>
                    {
                        uploading.MaxValue = Math.Max(1, p.BlocksTotal);
                        uploading.Value = p.BlocksDone;
                        uploading.Description = string.Create(CultureInfo.InvariantCulture, $"uploading, simulated {p.SimulatedTime:yyyy-MM-dd HH:mm}");
                    });
                    report = await runner.RunAsync(fleet, until, null, progress, cancellationToken).ConfigureAwait(false);
                    uploading.Value = uploading.MaxValue;
                }).ConfigureAwait(false);

            if (report.Errors.Length > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{report.Errors.Length} uploads failed and stay with their meters for the next run; first: {report.Errors[0]}[/]");
            }

            if (report.AnchoringErrors.Length > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{report.AnchoringErrors.Length} feeder readings or seals failed; the nodes keep their heads for the next interval; first: {report.AnchoringErrors[0]}[/]");
            }

            (fleetFile with { Meters = spec.Meters, SimulatedUntil = report.To }).Save(settings.DataDirectory);
            var theft = thieves > 0 ? await RunTheft.ScreenAsync(client, runner, fleet, report, cancellationToken).ConfigureAwait(false) : default;
            if (theft.Result is { Problems.Count: > 0 } screened)
            {
                console.MarkupLineInterpolated($"[yellow]the theft screening left out {screened.Problems.Count} chains it could not use; first: {screened.Problems[0]}[/]");
            }

            var efficiency = runner.Consensus ? await CommittedEfficiency.ReadAsync(host.Services.GetRequiredService<ILedgerStore>(), cancellationToken).ConfigureAwait(false) : null;
            PrintSummary(console, report, settings, theft, efficiency);

            if (settings.KeepRunning)
            {
                console.MarkupLineInterpolated($"silo running: clients connect to localhost:{settings.GatewayPort}; Ctrl+C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    console.WriteLine("stopping");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("interrupted: every acknowledged block is stored; the next run resumes each meter from its chain");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static FleetFile NewFleet(RunSettings settings, TopologySpec? topology) => new()
    {
        Topology = topology,
        Seed = settings.Seed,
        Meters = settings.Meters ?? DefaultMeters,
        Start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-settings.Days),
        IntervalSeconds = 15 * 60,
        UploadEverySeconds = 6 * 60 * 60,
        MetersPerConcentrator = settings.MetersPerConcentrator,
        ConcentratorsPerSubstation = settings.ConcentratorsPerSubstation,
        AppliancesPerHousehold = settings.AppliancesPerHousehold,
        Thieves = settings.Thieves > 0 ? settings.Thieves : null,
        TheftFromDay = settings.Thieves > 0 ? settings.TheftFromDay : null,
    };

    private static void PrintSummary(IAnsiConsole console, FleetRunReport report, RunSettings settings, (TheftScreeningResult? Result, string? Skipped) theft, CommittedEfficiency? efficiency)
    {
        var table = new Table().Title("run summary").HideHeaders().AddColumn("").AddColumn(new TableColumn("").RightAligned());
        void Row(string name, FormattableString value) => table.AddRow(name.EscapeMarkup(), value.ToString(CultureInfo.InvariantCulture).EscapeMarkup());
        Row("meters", $"{report.Meters:N0}");
        Row("simulated period", $"{report.From:yyyy-MM-dd HH:mm} .. {report.To:yyyy-MM-dd HH:mm} UTC");
        Row("blocks submitted", $"{report.BlocksSubmitted:N0}");
        Row("blocks accepted", $"{report.BlocksAccepted:N0}");
        Row("readings accepted", $"{report.ReadingsAccepted:N0}");
        Row("appliance reports accepted", $"{report.ApplianceReportsAccepted:N0}");
        Row("appliance excess flags", $"{report.ApplianceExcesses:N0}");
        Row("blocks rejected", $"{report.Rejections.Values.Sum():N0}");
        foreach (var (reason, count) in report.Rejections)
        {
            Row($"  rejected: {reason}", $"{count:N0}");
        }

        Row("upload errors", $"{report.Errors.Length:N0}");
        Row("anchoring errors", $"{report.AnchoringErrors.Length:N0}");
        foreach (var tier in report.Tiers)
        {
            var name = Ledger.Tiers.Tier.NameOf(tier.Role);
            var heights = tier.MinHeight == tier.MaxHeight ? $"{tier.MaxHeight:N0}" : $"{tier.MinHeight:N0}..{tier.MaxHeight:N0}";
            if (tier.Role == DeviceRole.Appliance)
            {
                Row($"{name} tier", $"{tier.Nodes:N0} nodes, height {heights}, {tier.Blocks:N0} reports");
            }
            else
            {
                Row($"{name} tier", $"{tier.Nodes:N0} nodes, height {heights}, {tier.Blocks:N0} blocks, {tier.Anchors:N0} anchors");
            }
        }

        var late = report.Tiers.FirstOrDefault(t => t.Role == DeviceRole.Concentrator);
        Row("late deliveries", $"{late?.LateDeliveries ?? 0:N0} uploads, {late?.LateBlocks ?? 0:N0} blocks");
        if (report.Areas is { } areas)
        {
            var loss = areas.LossFraction is { } fraction ? string.Create(CultureInfo.InvariantCulture, $"{fraction:P1} unmetered") : "no feeder energy yet";
            Row("area energy balance", $"feeders {areas.FeederWh / 1000:N1} kWh, meters {areas.MeteredWh / 1000:N1} kWh, {loss}");
            Row("area findings", $"{(areas.Findings.Count == 0 ? "none" : string.Join(", ", areas.Findings.Select(f => $"{f.Key} {f.Value:N0}")))}");
        }
        if (theft.Result is { } screened)
        {
            Row("theft alerts", $"{screened.Alerts:N0} household-days, {screened.TrueAlerts:N0} of {screened.StolenDays:N0} stolen days caught (ground truth of the simulated thieves)");
            if (screened.Evaluation is { } evaluation)
            {
                Row("theft detection", $"{evaluation.Overall.Counts.DetectionRate:P1} at {evaluation.Overall.Counts.FalsePositiveRate:P2} false positives, ROC AUC {evaluation.Overall.RocAuc:0.000}");
            }
        }
        else if (theft.Skipped is { } skipped)
        {
            Row("theft screening", $"{skipped}");
        }

        if (efficiency is not null)
        {
            foreach (var (name, value) in ConsensusRows(efficiency))
            {
                Row(name, $"{value}");
            }
        }

        Row("wall time", $"{report.Elapsed.TotalSeconds:N1} s");
        Row("blocks per second", $"{report.BlocksPerSecond:N0}");
        Row("data folder", $"{settings.DataDirectory}");
        Row("trust anchor", $"{Path.Combine(settings.DataDirectory, UtilityRootFiles.PublicKeyFile)}");
        console.Write(table);
    }

    /// <summary>The run summary's PoEf rows: certified blocks, what the concentrators' areas showed, the households' rewards.</summary>
    internal static IEnumerable<(string Name, string Value)> ConsensusRows(CommittedEfficiency efficiency)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return ("PoEf certified blocks", string.Join(", ", efficiency.CertifiedBlocks.Select(p => string.Create(inv, $"{p.Value:N0} {Ledger.Tiers.Tier.NameOf(p.Key)}"))) is { Length: > 0 } blocks ? blocks : "none");
        if (efficiency.AreaMeans() is { } means)
        {
            yield return ("PoEf concentrator areas", string.Create(inv, $"forecast error {means.ForecastErrorBp / 10_000:P1}, losses {means.LossBp / 10_000:P1}, readings complete {means.CompletenessBp / 10_000:P1}; absent in {efficiency.AbsentAreaBlocks:N0} of {efficiency.AreaBlocks:N0} area-blocks"));
        }

        yield return ("PoEf rewards", efficiency.Rewards.IsEmpty
            ? "none yet (a household needs two whole windows of readings)"
            : string.Create(inv, $"{efficiency.MilliCredits / 1000.0:N3} credits to {efficiency.Rewards.Length:N0} households; most {efficiency.Rewards[0].Household} {efficiency.Rewards[0].MilliCredits / 1000.0:N3}"));
        if (efficiency.Problems.Length > 0)
        {
            yield return ("PoEf records unread", string.Create(inv, $"{efficiency.Problems.Length:N0}; first: {efficiency.Problems[0]}"));
        }
    }

    private sealed record RunSettings(string DataDirectory, int? Meters, int Days, ulong Seed, bool KeepRunning, int SiloPort, int GatewayPort, int Concurrency, int MetersPerConcentrator, int ConcentratorsPerSubstation, int AppliancesPerHousehold, string? Topology, double Thieves, int TheftFromDay, bool Consensus, int UtilityCommittee);
}
