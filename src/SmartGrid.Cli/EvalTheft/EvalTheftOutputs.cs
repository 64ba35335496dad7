using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartGrid.Analytics.Evaluation;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// The files eval-theft writes: in <c>--out DIR</c>, <see cref="RocFileName"/> (ROC curves, overall
/// and per type, with the operating point) and <see cref="ScoresFileName"/> (one row per scored test
/// item); and the <c>--report</c> JSON.
/// </summary>
public static class EvalTheftOutputs
{
    /// <summary>ROC plot file name in the output folder.</summary>
    public const string RocFileName = "theft-roc.png";

    /// <summary>Scores file name in the output folder.</summary>
    public const string ScoresFileName = "theft-scores.csv";

    /// <summary>
    /// Writes the scores: <c>household_id,date,label,attack_type,score,alarm,evidence</c>; date empty
    /// for customers, evidence the names of the evidence that fired separated by <c>;</c>.
    /// </summary>
    public static void WriteScores(string path, IReadOnlyList<ScoredItem> scores)
    {
        var text = new StringBuilder("household_id,date,label,attack_type,score,alarm,evidence\n");
        foreach (var s in scores)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{s.HouseholdId},{s.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},{(s.Label ? 1 : 0)},{s.AttackType},{s.Score:0.######},{(s.Alarm ? 1 : 0)},{string.Join(';', s.Evidence)}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes the JSON report: <c>detection_rate</c>, <c>false_positive_rate</c>, <c>precision</c>,
    /// <c>f1</c>, <c>roc_auc</c>, <c>map_at_100</c>, and the same keys per attack label under <c>per_type</c>.
    /// </summary>
    public static void WriteReport(string path, TheftEvaluation evaluation)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        WriteFigures(json, evaluation.Overall);
        json.WriteStartObject("per_type");
        foreach (var (type, figures) in evaluation.PerType)
        {
            json.WriteStartObject(type);
            WriteFigures(json, figures);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Draws the ROC curves (overall and per type) with the operating point, as a PNG.</summary>
    public static void WriteRocPlot(string path, IReadOnlyList<ScoredItem> scores, TheftEvaluation evaluation)
    {
        var plot = new ScottPlot.Plot();
        var labels = scores.Select(s => s.Label).ToArray();
        var values = scores.Select(s => s.Score).ToArray();
        foreach (var type in evaluation.PerType.Keys)
        {
            var keep = Enumerable.Range(0, scores.Count).Where(i => !labels[i] || scores[i].AttackType == type).ToArray();
            var curve = Metrics.RocCurve([.. keep.Select(i => values[i])], [.. keep.Select(i => labels[i])]);
            AddLine(plot, [.. curve.Select(p => p.FalsePositiveRate)], [.. curve.Select(p => p.DetectionRate)], string.Create(CultureInfo.InvariantCulture, $"{type} (AUC {evaluation.PerType[type].RocAuc:0.000})"), 1);
        }

        var overall = Metrics.RocCurve(values, labels);
        var all = AddLine(plot, [.. overall.Select(p => p.FalsePositiveRate)], [.. overall.Select(p => p.DetectionRate)], string.Create(CultureInfo.InvariantCulture, $"all (AUC {evaluation.Overall.RocAuc:0.000})"), 3);
        all.Color = ScottPlot.Colors.Black;
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = ScottPlot.LinePattern.Dashed;
        chance.Color = ScottPlot.Colors.Gray;
        var point = plot.Add.Marker(evaluation.Overall.Counts.FalsePositiveRate, evaluation.Overall.Counts.DetectionRate);
        point.MarkerSize = 10;
        point.Color = ScottPlot.Colors.Red;
        point.LegendText = string.Create(CultureInfo.InvariantCulture,
            $"threshold: detection {evaluation.Overall.Counts.DetectionRate:P1}, FPR {evaluation.Overall.Counts.FalsePositiveRate:P1}");
        plot.Title("Theft detection ROC (held-out households)");
        plot.XLabel("False-positive rate");
        plot.YLabel("Detection rate");
        plot.Axes.SetLimits(0, 1, 0, 1.01);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, 900, 700);
    }

    /// <summary>Adds a line without markers to <paramref name="plot"/>.</summary>
    internal static ScottPlot.Plottables.Scatter AddLine(ScottPlot.Plot plot, double[] xs, double[] ys, string legend, float width)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.MarkerSize = 0;
        line.LineWidth = width;
        line.LegendText = legend;
        return line;
    }

    /// <summary>Writes the figures' keys (<c>detection_rate</c> ... <c>map_at_100</c>) into the open object of <paramref name="json"/>.</summary>
    internal static void WriteFigures(Utf8JsonWriter json, DetectionFigures figures)
    {
        json.WriteNumber("detection_rate", figures.Counts.DetectionRate);
        json.WriteNumber("false_positive_rate", figures.Counts.FalsePositiveRate);
        json.WriteNumber("precision", figures.Counts.Precision);
        json.WriteNumber("f1", figures.Counts.F1);
        json.WriteNumber("roc_auc", figures.RocAuc);
        json.WriteNumber("map_at_100", figures.MapAt100);
    }
}
