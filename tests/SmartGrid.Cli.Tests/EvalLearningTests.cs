using System.Globalization;

namespace SmartGrid.Cli.Tests;

public sealed class EvalLearningTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smartgrid-eval-learning-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static (string[] Header, double[][] Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line => line.Split(',').Select((cell, i) => header[i] == "date" ? 0 : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (header, rows);
    }

    private static double Third(IEnumerable<double> values, bool last)
    {
        var all = values.ToArray();
        var third = all.Length / 3;
        return (last ? all.Skip(all.Length - third) : all.Take(third)).Average();
    }

    [Fact]
    public async Task The_policies_improve_over_rounds_and_the_plots_and_csvs_are_written()
    {
        var (exit, text) = await CliHarness.InvokeAsync("eval-learning", "--synthetic", "--households", "300", "--days", "49", "--interval", "60", "--seed", "1", "--out", _folder);

        exit.Should().Be(0, text);
        text.Should().Contain("bandit choice per household").And.Contain("adaptive (Thompson sampling)");
        foreach (var png in new[] { "learning-forecasters.png", "learning-thresholds.png" })
        {
            File.ReadAllBytes(Path.Combine(_folder, png)).Take(4).Should().Equal(PngSignature);
        }

        // Forecasting: 49 days give 42 rounds of a day forecast from the week before; the bandit's
        // error in excess of each household's best fixed forecaster shrinks as it learns.
        var (fHeader, forecast) = ReadCsv(Path.Combine(_folder, "learning-forecasters.csv"));
        fHeader.Should().Equal("round", "selected", "best_fixed", "MA(24)", "EWMA(0.3)", "SeasonalNaive(24)", "SeasonalNaive(168)", "HoltWinters(24)");
        forecast.Should().HaveCount(42);
        Enumerable.Range(3, 5).Should().OnlyContain(c => forecast.Average(r => r[2]) <= forecast.Average(r => r[c]) + 1e-6, "over all rounds each household's best in hindsight is at least as good as any one candidate");
        Third(forecast.Select(r => r[1] - r[2]), last: true).Should().BeLessThan(0.8 * Third(forecast.Select(r => r[1] - r[2]), last: false));

        // Thresholds: one round per date of the held-out households; the adaptive policy's shortfall
        // against the best fixed threshold in hindsight shrinks as it learns.
        var (tHeader, thresholds) = ReadCsv(Path.Combine(_folder, "learning-thresholds.csv"));
        tHeader.Take(4).Should().Equal("round", "date", "chosen_threshold", "adaptive");
        tHeader.Skip(4).Should().HaveCount(12).And.OnlyContain(h => h.StartsWith("t_", StringComparison.Ordinal));
        thresholds.Should().HaveCount(49);
        var best = Enumerable.Range(4, 12).MaxBy(c => thresholds.Sum(r => r[c]));
        var shortfall = thresholds.Select(r => r[best] - r[3]).ToArray();
        Third(shortfall, last: true).Should().BeLessThan(Third(shortfall, last: false));
        thresholds[0][2].Should().Be(0.02, "the lowest threshold is tried first: its inspections reveal every other threshold's");
    }

    [Fact]
    public async Task Without_data_the_command_says_what_to_give()
    {
        var (exit, text) = await CliHarness.InvokeAsync("eval-learning", "--out", _folder);

        exit.Should().Be(2);
        text.Should().Contain("--input").And.Contain("--synthetic");
    }
}
