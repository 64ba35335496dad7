namespace SmartGrid.Cli.Simulating;

/// <summary>The PNG plots of a result folder (ScottPlot).</summary>
public static class SimulationPlots
{
    private const int Width = 1000;
    private const int Height = 600;

    /// <summary>Readings and blocks accepted per second of wall time, over the run.</summary>
    public static void Throughput(string path, IReadOnlyList<TimelineSample> timeline)
    {
        var plot = new ScottPlot.Plot();
        var x = new List<double>();
        var readings = new List<double>();
        var blocks = new List<double>();
        var previous = new TimelineSample(0, default, 0, 0, 0, 0);
        foreach (var sample in timeline)
        {
            var dt = sample.WallSeconds - previous.WallSeconds;
            if (dt > 0)
            {
                x.Add(sample.WallSeconds);
                readings.Add((sample.ReadingsAccepted - previous.ReadingsAccepted) / dt);
                blocks.Add((sample.BlocksAccepted - previous.BlocksAccepted) / dt);
            }

            previous = sample;
        }

        var r = plot.Add.Scatter(x.ToArray(), readings.ToArray());
        r.LegendText = "readings/s";
        var b = plot.Add.Scatter(x.ToArray(), blocks.ToArray());
        b.LegendText = "blocks/s";
        plot.Title("Throughput over the run (per upload slot)");
        plot.XLabel("Wall time, s");
        plot.YLabel("Accepted per second");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Resident and managed memory over the run.</summary>
    public static void Memory(string path, IReadOnlyList<TimelineSample> timeline)
    {
        var plot = new ScottPlot.Plot();
        var x = timeline.Select(s => s.WallSeconds).ToArray();
        var rss = plot.Add.Scatter(x, timeline.Select(s => s.WorkingSetBytes / 1048576.0).ToArray());
        rss.LegendText = "resident (RSS)";
        var managed = plot.Add.Scatter(x, timeline.Select(s => s.ManagedBytes / 1048576.0).ToArray());
        managed.LegendText = "managed heap";
        plot.Title("Memory over the run");
        plot.XLabel("Wall time, s");
        plot.YLabel("MiB");
        plot.Axes.SetLimitsY(0, Math.Max(1, timeline.Count == 0 ? 1 : timeline.Max(s => s.WorkingSetBytes) / 1048576.0 * 1.1));
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>The load curves of sample households, as their chains hold them.</summary>
    public static void LoadCurves(string path, IReadOnlyList<LoadCurve> curves)
    {
        var plot = new ScottPlot.Plot();
        foreach (var curve in curves)
        {
            var hours = Enumerable.Range(0, curve.KWh.Length).Select(i => i * curve.Interval.TotalHours).ToArray();
            var kw = curve.KWh.Select(e => e / curve.Interval.TotalHours).ToArray();
            var line = plot.Add.Scatter(hours, kw);
            line.MarkerSize = 0;
            line.LegendText = curve.Label;
        }

        plot.Title(curves.Count == 0 ? "Load curves (no household)" : $"Load curves of sample households from {curves[0].Start:yyyy-MM-dd} (UTC)");
        plot.XLabel("Hours from the start");
        plot.YLabel("Mean power, kW");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }
}
