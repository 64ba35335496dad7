using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Forecasting;
using SmartGrid.Analytics.Learning;
using SmartGrid.Cli.EvalTheft;
using SmartGrid.Simulation.Data;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid eval-learning</c>: the learning policies of issue 6 (A3) round by round on the Swiss
/// data or the synthetic fleet, against every fixed choice: a discounted-UCB forecaster selector per
/// household (a round is a day forecast from the week before), and the alarm threshold learnt from
/// inspection outcomes on the theft scores of held-out households (a round is a day of inspections).
/// Writes per-round CSVs and PNGs (<see cref="LearningOutputs"/>).
/// </summary>
public static class EvalLearningCommand
{
    /// <summary>The threshold grid of the alarm policy.</summary>
    public static readonly IReadOnlyList<double> ThresholdGrid = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    private const int HistoryDays = 7;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var input = new Option<string?>("--input") { Description = "Interval readings: a folder of Swiss elcons_15min_wNN files or a long-layout CSV (meter_id,timestamp,kwh[,label]); attacks are injected as eval-theft --inject-attacks 0.1 does" };
        var fleet = new SyntheticFleetOptions("Use the simulator's calibrated household fleet instead of --input", minHouseholds: 10, minDays: HistoryDays + 3);
        var (synthetic, households, days, interval) = (fleet.Synthetic, fleet.Households, fleet.Days, fleet.Interval);
        var seed = new Option<int>("--seed") { Description = "Seed of the fleet, the household sample, the injection, the split, the model and the policies", DefaultValueFactory = _ => 1 };
        var forecastHouseholds = new Option<int>("--forecast-households") { Description = "Households (a seeded sample) the forecaster selection runs on", DefaultValueFactory = _ => 40 };
        var cost = new Option<double>("--inspection-cost") { Description = "Cost of one inspection", DefaultValueFactory = _ => 40 };
        var fine = new Option<double>("--fine") { Description = "Value recovered by a confirmed theft on top of the stolen energy", DefaultValueFactory = _ => 100 };
        var price = new Option<double>("--price") { Description = "Value of a stolen kWh", DefaultValueFactory = _ => 0.25 };
        var copies = new Option<int>("--training-copies") { Description = "Copies of the theft detector's training households with fresh injections", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "Folder for the CSVs and PNGs", Required = true };
        forecastHouseholds.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(forecastHouseholds) >= 1, "--forecast-households must be at least 1"));
        cost.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(cost) is > 0 and < double.PositiveInfinity, "--inspection-cost must be positive"));
        fine.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(fine) is >= 0 and < double.PositiveInfinity, "--fine must be at least 0"));
        price.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(price) is >= 0 and < double.PositiveInfinity, "--price must be at least 0"));
        copies.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(copies) is >= 0 and <= 20, "--training-copies must be within 0..20"));

        var command = new Command("eval-learning", "Show the learning policies improving over rounds: forecaster selection by realised error, alarm thresholds by inspection outcomes; writes per-round CSVs and PNGs.")
        {
            input, synthetic, households, days, interval, seed, forecastHouseholds, cost, fine, price, copies, output,
        };
        command.SetAction(parse => Run(console, new Request(
            parse.GetValue(input),
            parse.GetValue(synthetic),
            parse.GetValue(households),
            parse.GetValue(days),
            parse.GetValue(interval),
            parse.GetValue(seed),
            parse.GetValue(forecastHouseholds),
            parse.GetValue(cost),
            parse.GetValue(fine),
            parse.GetValue(price),
            parse.GetValue(copies),
            parse.GetValue(output)!)));
        return command;
    }

    /// <summary>The candidate forecasters of the selection: level, smoothed level, yesterday, a week ago, Holt-Winters.</summary>
    public static IReadOnlyList<Func<IForecaster>> Candidates { get; } =
    [
        () => new MovingAverageForecaster(24),
        () => new ExponentialSmoothingForecaster(0.3),
        () => new SeasonalNaiveForecaster(24),
        () => new SeasonalNaiveForecaster(HistoryDays * 24),
        () => new HoltWintersForecaster(24),
    ];

    private static int Run(IAnsiConsole console, Request request)
    {
        ForecastLearningCurve forecasters;
        ThresholdLearningCurve thresholds;
        DateOnly[] dates;
        try
        {
            var data = Load(request);
            console.WriteLine(data.Description);
            forecasters = Forecasters(data, request);
            (thresholds, dates) = Thresholds(data, request, console);
        }
        catch (Exception ex) when (ex is EvalTheftInputException or LoadDataFormatException or AnalyticsInputException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        Print(console, forecasters, thresholds);
        try
        {
            Directory.CreateDirectory(request.Output);
            LearningOutputs.WriteForecasters(Path.Combine(request.Output, LearningOutputs.ForecastersCsv), forecasters);
            LearningOutputs.PlotForecasters(Path.Combine(request.Output, LearningOutputs.ForecastersPng), forecasters);
            LearningOutputs.WriteThresholds(Path.Combine(request.Output, LearningOutputs.ThresholdsCsv), thresholds, dates);
            LearningOutputs.PlotThresholds(Path.Combine(request.Output, LearningOutputs.ThresholdsPng), thresholds);
            console.WriteLine($"wrote {LearningOutputs.ForecastersPng}, {LearningOutputs.ForecastersCsv}, {LearningOutputs.ThresholdsPng} and {LearningOutputs.ThresholdsCsv} to {request.Output}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return EvalTheftCommand.CannotWrite(console, ex);
        }

        return ExitCodes.Ok;
    }

    private static TheftDataSet Load(Request request)
    {
        var data = EvalTheftCommand.LoadSource(request.Input, request.Synthetic, request.Households, request.Days, request.IntervalMinutes, request.Seed);
        return data.PerCustomer
            ? throw new EvalTheftInputException(request.Input!, 0, 0, "eval-learning needs interval readings (a folder, the long layout or --synthetic), not SGCC customers")
            : data;
    }

    // A seeded sample of households, hourly, on their true readings (before any injection).
    private static ForecastLearningCurve Forecasters(TheftDataSet data, Request request)
    {
        var ids = data.Households.Select(h => h.Id).Order(StringComparer.Ordinal).ToArray();
        new Random(request.Seed).Shuffle(ids);
        var chosen = ids.Take(request.ForecastHouseholds).ToHashSet(StringComparer.Ordinal);
        var hours = Math.Min(24, data.IntervalsPerDay);
        var series = data.Households.Where(h => chosen.Contains(h.Id))
            .Select(h => h.Readings.SelectMany(day => Hourly(day, hours)).ToArray())
            .ToArray();
        return LearningRounds.Forecasters(series, Candidates, HistoryDays * hours, hours);
    }

    // The theft scores of held-out household-days (eval-theft's protocol), one round per date.
    private static (ThresholdLearningCurve Curve, DateOnly[] Dates) Thresholds(TheftDataSet data, Request request, IAnsiConsole console)
    {
        var injection = new InjectionSettings(0.1, AttackTypes.Jokar, 1.0);
        var count = AttackInjector.Inject(data, injection.Fraction, injection.Types, request.Seed, injection.MinimumDayKWh);
        var result = EvalTheftRunner.Run(data, new EvalTheftSettings { Seed = request.Seed, Injection = injection, TrainingCopies = request.TrainingCopies });
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"theft scores: {count:N0} attacks (h1-h6) injected into 10% of the household-days, {result.Scores.Count:N0} held-out household-days of {result.TestHouseholds} households scored"));
        var byId = data.Households.ToDictionary(h => h.Id, StringComparer.Ordinal);
        var rounds = result.Scores.Where(s => s.Date is not null).GroupBy(s => s.Date!.Value).OrderBy(g => g.Key).ToArray();
        var inspections = rounds.Select(g => (IReadOnlyList<Inspection>)[.. g.Select(s => new Inspection(s.Score, s.Label, s.Label ? request.Fine + (request.Price * Stolen(byId[s.HouseholdId], s.Date!.Value)) : 0))]).ToArray();
        return (LearningRounds.Thresholds(inspections, ThresholdGrid, request.InspectionCost, request.Seed), [.. rounds.Select(g => g.Key)]);
    }

    private static double Stolen(LabelledHousehold household, DateOnly date)
    {
        var d = Array.IndexOf(household.Dates, date);
        return household.TrueReadings is { } truth ? Math.Max(0, truth[d].Sum() - household.Readings[d].Sum()) : 0;
    }

    private static double[] Hourly(double[] day, int hours)
    {
        var sums = new double[hours];
        for (var t = 0; t < day.Length; t++)
        {
            sums[t * hours / day.Length] += Math.Max(0, day[t]);
        }

        return sums;
    }

    private static void Print(IAnsiConsole console, ForecastLearningCurve forecasters, ThresholdLearningCurve thresholds)
    {
        var third = Math.Max(1, forecasters.Rounds / 3);
        var table = new Table().AddColumns("forecasting (mean WAPE)", "first third of rounds", "last third of rounds", "all rounds");
        AddRow(table, "bandit choice per household", forecasters.Selected, third);
        AddRow(table, "each household's best fixed (hindsight)", forecasters.BestFixed, third);
        for (var c = 0; c < forecasters.Candidates.Count; c++)
        {
            AddRow(table, $"fixed {forecasters.Candidates[c]}", [.. forecasters.Fixed.Select(f => f[c])], third);
        }

        console.Write(table);
        third = Math.Max(1, thresholds.Rounds / 3);
        table = new Table().AddColumns("alarm threshold (net value per household)", "first third of rounds", "last third of rounds", "all rounds");
        AddRow(table, "adaptive (Thompson sampling)", thresholds.Adaptive, third);
        for (var k = 0; k < thresholds.Grid.Count; k++)
        {
            AddRow(table, string.Create(CultureInfo.InvariantCulture, $"fixed {thresholds.Grid[k]:0.###}"), [.. thresholds.Fixed.Select(f => f[k])], third);
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"thresholds chosen in the last third of rounds: {string.Join(' ', thresholds.Chosen.Skip(thresholds.Rounds - third).Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)))}"));
    }

    private static void AddRow(Table table, string name, IReadOnlyList<double> values, int third) => table.AddRow(
        name,
        values.Take(third).Average().ToString("0.0000", CultureInfo.InvariantCulture),
        values.Skip(values.Count - third).Average().ToString("0.0000", CultureInfo.InvariantCulture),
        values.Average().ToString("0.0000", CultureInfo.InvariantCulture));

    private sealed record Request(string? Input, bool Synthetic, int Households, int Days, int IntervalMinutes, int Seed, int ForecastHouseholds, double InspectionCost, double Fine, double Price, int TrainingCopies, string Output);
}
