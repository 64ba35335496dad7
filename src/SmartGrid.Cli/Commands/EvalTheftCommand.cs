using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Evaluation;
using SmartGrid.Cli.EvalTheft;
using SmartGrid.Simulation.Data;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid eval-theft</c>: evaluate the hybrid theft detector on the synthetic fleet, on labelled
/// CSV (SGCC or long layout), or on a folder of real profiles with injected attacks; figures come
/// from held-out households only. docs/THEFT_DETECTION.md describes the method and the protocol.
/// </summary>
public static class EvalTheftCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var input = new Option<string?>("--input") { Description = "Labelled CSV (SGCC: CONS_NO,FLAG,days...; long: meter_id,timestamp,kwh[,label]) or a folder of Swiss elcons_15min_wNN files" };
        var fleet = new SyntheticFleetOptions("Evaluate on the simulator's calibrated household fleet instead of --input", minHouseholds: 4, minDays: 7);
        var (synthetic, households, days, interval) = (fleet.Synthetic, fleet.Households, fleet.Days, fleet.Interval);
        var inject = new Option<double>("--inject-attacks") { Description = "Fraction of normal household-days to attack (0 = use the labels of the input)", DefaultValueFactory = _ => 0 };
        var types = new Option<string>("--attack-types") { Description = "Attack types to inject: h1..h6, offset, cap, ramp (comma-separated)", DefaultValueFactory = _ => "h1,h2,h3,h4,h5,h6" };
        var minimumDay = new Option<double>("--min-day-kwh") { Description = "Only days that used at least this much energy are attacked (a vacant day has nothing to steal)", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fleet, the injection, the split and the model", DefaultValueFactory = _ => 1 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Fraction of households held out for the figures", DefaultValueFactory = _ => 0.3 };
        var targetFpr = new Option<double>("--target-fpr") { Description = "False-positive rate the threshold is set for on the training households", DefaultValueFactory = _ => 0.02 };
        var classifier = new Option<string>("--classifier") { Description = "gbt (gradient-boosted trees) or logistic", DefaultValueFactory = _ => "gbt" };
        var feeders = new Option<int>("--feeders") { Description = "Simulate feeder meters over groups of this many households for the energy balance (0 = none; needs known true consumption)", DefaultValueFactory = _ => 0 };
        var copies = new Option<int>("--training-copies") { Description = "Copies of the training households with fresh injections added to the training rows (with --inject-attacks or --synthetic)", DefaultValueFactory = _ => 3 };
        var output = new Option<string?>("--out") { Description = $"Folder for {EvalTheftOutputs.RocFileName} and {EvalTheftOutputs.ScoresFileName}" };
        var report = new Option<string?>("--report") { Description = "Write the figures as JSON to this file" };
        var saveModel = new Option<string?>("--save-model") { Description = "Write the fitted detector to this file (TheftModelFormat, for `ITheftScreeningGrain` through the SDK's InstallTheftModelAsync); household-day data only" };
        inject.Validators.Add(r => Check(r, r.GetValue(inject) is >= 0 and < 1, "--inject-attacks must be within [0, 1)"));
        testFraction.Validators.Add(r => Check(r, r.GetValue(testFraction) is > 0 and < 1, "--test-fraction must be within (0, 1)"));
        targetFpr.Validators.Add(r => Check(r, r.GetValue(targetFpr) is > 0 and < 1, "--target-fpr must be within (0, 1)"));
        classifier.Validators.Add(r => Check(r, r.GetValue(classifier) is "gbt" or "logistic", "--classifier must be gbt or logistic"));
        minimumDay.Validators.Add(r => Check(r, r.GetValue(minimumDay) >= 0, "--min-day-kwh must be at least 0"));
        feeders.Validators.Add(r => Check(r, r.GetValue(feeders) >= 0, "--feeders must be at least 0"));
        copies.Validators.Add(r => Check(r, r.GetValue(copies) is >= 0 and <= 20, "--training-copies must be within 0..20"));

        var command = new Command("eval-theft", "Evaluate theft detection on held-out households: detection rate, false-positive rate, precision, F1, ROC AUC, MAP@100.")
        {
            input, synthetic, households, days, interval, inject, types, minimumDay, seed, testFraction, targetFpr, classifier, feeders, copies, output, report, saveModel,
        };
        command.SetAction(parse => Run(console, new Request(
            parse.GetValue(input),
            parse.GetValue(synthetic),
            parse.GetValue(households),
            parse.GetValue(days),
            parse.GetValue(interval),
            parse.GetValue(inject),
            parse.GetValue(types)!,
            parse.GetValue(minimumDay),
            parse.GetValue(output),
            parse.GetValue(report),
            parse.GetValue(saveModel),
            new EvalTheftSettings
            {
                Seed = parse.GetValue(seed),
                TestFraction = parse.GetValue(testFraction),
                TargetFalsePositiveRate = parse.GetValue(targetFpr),
                Classifier = parse.GetValue(classifier)!,
                FeederSize = parse.GetValue(feeders),
                TrainingCopies = parse.GetValue(copies),
            })));
        return command;
    }

    /// <summary>Adds <paramref name="message"/> as an error of the option when <paramref name="valid"/> is false.</summary>
    internal static void Check(System.CommandLine.Parsing.OptionResult result, bool valid, string message)
    {
        if (!valid)
        {
            result.AddError(message);
        }
    }

    private static int Run(IAnsiConsole console, Request request)
    {
        TheftDataSet data;
        var settings = request.Settings;
        EvalTheftResult result;
        try
        {
            data = Load(request);
            if (request.SaveModel is not null && data.PerCustomer)
            {
                throw new EvalTheftInputException(request.Input!, 0, 0, "--save-model saves a household-day detector; SGCC customers are scored per customer with features of their own");
            }

            if (request.Inject > 0)
            {
                if (data.PerCustomer)
                {
                    throw new EvalTheftInputException(request.Input!, 0, 0, "--inject-attacks works on interval readings (a folder or the long layout), not on SGCC customers");
                }

                var attackTypes = ParseTypes(request.AttackTypes);
                var count = AttackInjector.Inject(data, request.Inject, attackTypes, request.Settings.Seed, request.MinimumDayKWh);
                settings = settings with { Injection = new InjectionSettings(request.Inject, attackTypes, request.MinimumDayKWh) };
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"injected {count:N0} attacks ({string.Join(", ", attackTypes.Select(AttackTypes.Label))}) into {request.Inject:P0} of the household-days using at least {request.MinimumDayKWh} kWh, seed {request.Settings.Seed}"));
            }

            if (request.Settings.FeederSize > 0 && data.Households.Any(h => h.TrueReadings is null) && !request.Synthetic)
            {
                throw new EvalTheftInputException(request.Input ?? "input", 0, 0, "--feeders needs the true consumption: use --synthetic or --inject-attacks");
            }

            result = EvalTheftRunner.Run(data, settings);
        }
        catch (Exception ex) when (ex is EvalTheftInputException or LoadDataFormatException or AnalyticsInputException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        Print(console, data, result);
        try
        {
            if (request.Output is not null)
            {
                Directory.CreateDirectory(request.Output);
                EvalTheftOutputs.WriteScores(Path.Combine(request.Output, EvalTheftOutputs.ScoresFileName), result.Scores);
                EvalTheftOutputs.WriteRocPlot(Path.Combine(request.Output, EvalTheftOutputs.RocFileName), result.Scores, result.Evaluation);
                console.WriteLine($"wrote {Path.Combine(request.Output, EvalTheftOutputs.RocFileName)} and {Path.Combine(request.Output, EvalTheftOutputs.ScoresFileName)}");
            }

            if (request.Report is not null)
            {
                EvalTheftOutputs.WriteReport(request.Report, result.Evaluation);
                console.WriteLine($"wrote {request.Report}");
            }

            if (request.SaveModel is not null && result.Detector is { } detector)
            {
                var model = detector.Save();
                File.WriteAllBytes(request.SaveModel, model);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {request.SaveModel} ({model.Length:N0} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model))})"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CannotWrite(console, ex);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Reports that the output files could not be written; returns the bad-input exit code.</summary>
    internal static int CannotWrite(IAnsiConsole console, Exception exception)
    {
        console.MarkupLineInterpolated($"[red]error:[/] cannot write the outputs: {exception.Message}");
        return ExitCodes.BadInput;
    }

    private static TheftDataSet Load(Request request)
    {
        var data = LoadSource(request.Input, request.Synthetic, request.Households, request.Days, request.IntervalMinutes, request.Settings.Seed);
        return request.Synthetic && request.Inject <= 0
            ? throw new EvalTheftInputException("options", 0, 0, "the synthetic fleet has no theft of its own: add --inject-attacks FRACTION")
            : data;
    }

    /// <summary>
    /// The data named by <c>--input PATH</c> (a Swiss folder, SGCC or long-layout CSV) or <c>--synthetic</c>
    /// (the seeded fleet of <paramref name="households"/> households over <paramref name="days"/> days).
    /// </summary>
    /// <exception cref="EvalTheftInputException">Both or neither given, or the input is not recognised.</exception>
    internal static TheftDataSet LoadSource(string? input, bool synthetic, int households, int days, int intervalMinutes, int seed)
    {
        if (synthetic == (input is not null))
        {
            throw new EvalTheftInputException("options", 0, 0, "give either --input PATH or --synthetic");
        }

        if (synthetic)
        {
            return SyntheticFleetSource.Load(households, days, (ulong)seed, TimeSpan.FromMinutes(intervalMinutes));
        }

        var path = input!;
        if (Directory.Exists(path))
        {
            return SwissFolderSource.Recognises(path)
                ? SwissFolderSource.Load(path)
                : throw new EvalTheftInputException(path, 0, 0, "the folder holds no elcons_15min_wNN.csv[.gz] files");
        }

        if (!File.Exists(path))
        {
            throw new EvalTheftInputException(path, 0, 0, "no such file or folder");
        }

        var header = CsvText.Lines(path).Select(l => CsvText.Split(l.Line)).FirstOrDefault()
            ?? throw new EvalTheftInputException(Path.GetFileName(path), 0, 0, "the file is empty");
        if (SgccCsvSource.Recognises(header))
        {
            return SgccCsvSource.Load(path);
        }

        return LongCsvSource.Recognises(header)
            ? LongCsvSource.Load(path)
            : throw new EvalTheftInputException(Path.GetFileName(path), 1, 1, $"unknown layout: expected CONS_NO,FLAG,<days> or meter_id,timestamp,kwh[,label], found '{string.Join(',', header.Take(4))}'");
    }

    private static AttackType[] ParseTypes(string text)
    {
        var types = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(label => AttackTypes.Parse(label) ?? throw new EvalTheftInputException("--attack-types", 0, 0, $"'{label}' is not an attack type (h1..h6, offset, cap, ramp)"))
            .Distinct()
            .ToArray();
        return types.Length > 0 ? types : throw new EvalTheftInputException("--attack-types", 0, 0, "no attack type given");
    }

    private static void Print(IAnsiConsole console, TheftDataSet data, EvalTheftResult result)
    {
        console.WriteLine(data.Description);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained on {result.TrainHouseholds:N0} households, figures from {result.TestHouseholds:N0} held-out households; threshold {result.Evaluation.Threshold:0.####}"));
        foreach (var line in result.Details)
        {
            console.WriteLine(line);
        }

        var table = new Table().AddColumns("set", "positives", "negatives", "detection rate", "false-positive rate", "precision", "F1", "ROC AUC", "MAP@100");
        AddRow(table, "all", result.Evaluation.Overall);
        foreach (var (type, figures) in result.Evaluation.PerType)
        {
            AddRow(table, type, figures);
        }

        console.Write(table);
    }

    private static void AddRow(Table table, string name, DetectionFigures f) => table.AddRow(
        name,
        f.Positives.ToString("N0", CultureInfo.InvariantCulture),
        f.Negatives.ToString("N0", CultureInfo.InvariantCulture),
        f.Counts.DetectionRate.ToString("P2", CultureInfo.InvariantCulture),
        f.Counts.FalsePositiveRate.ToString("P2", CultureInfo.InvariantCulture),
        f.Counts.Precision.ToString("P2", CultureInfo.InvariantCulture),
        f.Counts.F1.ToString("0.0000", CultureInfo.InvariantCulture),
        f.RocAuc.ToString("0.0000", CultureInfo.InvariantCulture),
        f.MapAt100.ToString("0.0000", CultureInfo.InvariantCulture));

    private sealed record Request(string? Input, bool Synthetic, int Households, int Days, int IntervalMinutes, double Inject, string AttackTypes, double MinimumDayKWh, string? Output, string? Report, string? SaveModel, EvalTheftSettings Settings);
}
