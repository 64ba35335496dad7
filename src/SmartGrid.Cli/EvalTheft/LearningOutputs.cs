using System.Globalization;
using System.Text;
using SmartGrid.Analytics.Learning;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// The files <c>smartgrid eval-learning --out DIR</c> writes: per-round figures of the forecaster
/// selection and of the alarm threshold policy, each as a CSV and a PNG.
/// </summary>
public static class LearningOutputs
{
    /// <summary>Per-round forecast errors (CSV).</summary>
    public const string ForecastersCsv = "learning-forecasters.csv";

    /// <summary>Per-round forecast errors (plot).</summary>
    public const string ForecastersPng = "learning-forecasters.png";

    /// <summary>Per-round net value of the thresholds (CSV).</summary>
    public const string ThresholdsCsv = "learning-thresholds.csv";

    /// <summary>Per-round net value of the thresholds (plot).</summary>
    public const string ThresholdsPng = "learning-thresholds.png";

    /// <summary>
    /// Writes <c>round,selected,best_fixed,&lt;candidate&gt;...</c>: the households' mean normalised
    /// absolute error of the selectors' choice, of each household's best candidate in hindsight, and of
    /// every candidate used throughout.
    /// </summary>
    public static void WriteForecasters(string path, ForecastLearningCurve curve)
    {
        var text = new StringBuilder("round,selected,best_fixed," + string.Join(',', curve.Candidates) + "\n");
        for (var r = 0; r < curve.Rounds; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r + 1},{curve.Selected[r]:0.######},{curve.BestFixed[r]:0.######},");
            text.AppendJoin(',', curve.Fixed[r].Select(v => v.ToString("0.######", CultureInfo.InvariantCulture))).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes <c>round,date,chosen_threshold,adaptive,t_&lt;threshold&gt;...</c>: the net value per
    /// household of the adaptive policy's choice and of every fixed threshold.
    /// </summary>
    public static void WriteThresholds(string path, ThresholdLearningCurve curve, IReadOnlyList<DateOnly> dates)
    {
        var text = new StringBuilder("round,date,chosen_threshold,adaptive,");
        text.AppendJoin(',', curve.Grid.Select(t => string.Create(CultureInfo.InvariantCulture, $"t_{t:0.###}"))).Append('\n');
        for (var r = 0; r < curve.Rounds; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r + 1},{dates[r]:yyyy-MM-dd},{curve.Chosen[r]:0.###},{curve.Adaptive[r]:0.######},");
            text.AppendJoin(',', curve.Fixed[r].Select(v => v.ToString("0.######", CultureInfo.InvariantCulture))).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Plots, as a trailing mean over a week of rounds, each policy's error in excess of each household's
    /// best fixed candidate in hindsight: the selectors' choice falls towards 0 as they learn, a fixed
    /// candidate stays where it is.
    /// </summary>
    public static void PlotForecasters(string path, ForecastLearningCurve curve)
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Palette = new ScottPlot.Palettes.Category20();
        var rounds = Enumerable.Range(1, curve.Rounds).Select(r => (double)r).ToArray();
        for (var c = 0; c < curve.Candidates.Count; c++)
        {
            EvalTheftOutputs.AddLine(plot, rounds, TrailingMean([.. curve.Fixed.Select((f, r) => f[c] - curve.BestFixed[r])]), $"fixed {curve.Candidates[c]}", 1);
        }

        var selected = EvalTheftOutputs.AddLine(plot, rounds, TrailingMean([.. curve.Selected.Select((e, r) => e - curve.BestFixed[r])]), "bandit choice per household (discounted UCB)", 3);
        selected.Color = ScottPlot.Colors.Black;
        var zero = plot.Add.HorizontalLine(0);
        zero.LinePattern = ScottPlot.LinePattern.Dashed;
        zero.Color = ScottPlot.Colors.Gray;
        plot.Title("Forecaster selection: error over each household's best fixed forecaster");
        plot.XLabel("Round (a day forecast from the week before)");
        plot.YLabel("Excess WAPE, mean of the last 7 rounds");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 900, 600);
    }

    /// <summary>
    /// Plots, as a trailing mean over a week of rounds, each policy's net value per household minus that of
    /// the best fixed threshold in hindsight: the adaptive policy rises towards 0 as it learns.
    /// </summary>
    public static void PlotThresholds(string path, ThresholdLearningCurve curve)
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Palette = new ScottPlot.Palettes.Category20();
        var rounds = Enumerable.Range(1, curve.Rounds).Select(r => (double)r).ToArray();
        var best = curve.BestFixed;
        for (var k = 0; k < curve.Grid.Count; k++)
        {
            EvalTheftOutputs.AddLine(plot, rounds, TrailingMean([.. curve.Fixed.Select(f => f[k] - f[best])]), string.Create(CultureInfo.InvariantCulture, $"fixed {curve.Grid[k]:0.###}"), 1);
        }

        var adaptive = EvalTheftOutputs.AddLine(plot, rounds, TrailingMean([.. curve.Adaptive.Select((v, r) => v - curve.Fixed[r][best])]), "adaptive (Thompson sampling)", 3);
        adaptive.Color = ScottPlot.Colors.Black;
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Alarm threshold: net value per household against the best fixed threshold ({curve.Grid[best]:0.###})"));
        plot.XLabel("Round (a day of inspections)");
        plot.YLabel("Net value difference, mean of the last 7 rounds");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, 900, 600);
    }

    /// <summary>Rounds in the plots' trailing mean (a week of daily rounds).</summary>
    public const int Window = 7;

    /// <summary>Trailing mean: element r is the mean of values max(0, r − <see cref="Window"/> + 1)..r.</summary>
    public static double[] TrailingMean(IReadOnlyList<double> values)
    {
        var result = new double[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i] - (i >= Window ? values[i - Window] : 0);
            result[i] = sum / Math.Min(i + 1, Window);
        }

        return result;
    }
}
