using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Cli.Simulating;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid compare RUN_A RUN_B</c>: the difference of two result folders' figures (every
/// number of their <c>summary.json</c>), after what differs in their identity (scenario, seed,
/// version, machine). Exit 0 when compared, 2 when a folder holds no readable summary.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var runA = new Argument<string>("run-a") { Description = "First result folder (written by smartgrid simulate)" };
        var runB = new Argument<string>("run-b") { Description = "Second result folder" };
        var all = new Option<bool>("--all") { Description = "List equal figures too (default: only those that differ)" };
        var command = new Command("compare", "Print the difference of two runs' figures.") { runA, runB, all };
        command.SetAction(parse => Run(console, parse.GetValue(runA)!, parse.GetValue(runB)!, parse.GetValue(all)));
        return command;
    }

    private static int Run(IAnsiConsole console, string pathA, string pathB, bool all)
    {
        RunSummary a, b;
        try
        {
            a = RunSummary.Load(pathA);
            b = RunSummary.Load(pathB);
        }
        catch (InvalidDataException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        var identity = new Table().Title("runs").AddColumn("").AddColumn("A").AddColumn("B");
        foreach (var key in a.Identity.Keys.Union(b.Identity.Keys).Order(StringComparer.Ordinal))
        {
            var va = a.Identity.GetValueOrDefault(key, "-");
            var vb = b.Identity.GetValueOrDefault(key, "-");
            if (all || key is "scenario" or "seed" or "version" || va != vb)
            {
                identity.AddRow(key.EscapeMarkup(), va.EscapeMarkup(), vb.EscapeMarkup());
            }
        }

        console.Write(identity);
        var figures = new Table().Title("figures").AddColumn("").AddColumn(new TableColumn("A").RightAligned()).AddColumn(new TableColumn("B").RightAligned())
            .AddColumn(new TableColumn("B - A").RightAligned()).AddColumn(new TableColumn("change").RightAligned());
        var differing = 0;
        foreach (var key in a.Numbers.Keys.Union(b.Numbers.Keys).Order(StringComparer.Ordinal))
        {
            var hasA = a.Numbers.TryGetValue(key, out var va);
            var hasB = b.Numbers.TryGetValue(key, out var vb);
            var same = hasA && hasB && va.Equals(vb);
            if (!same)
            {
                differing++;
            }

            if (same && !all)
            {
                continue;
            }

            var delta = hasA && hasB ? Format(vb - va) : "";
            var change = hasA && hasB && va != 0 ? ((vb - va) / Math.Abs(va)).ToString("+0.0%;-0.0%;0%", CultureInfo.InvariantCulture) : "";
            figures.AddRow(key.EscapeMarkup(), hasA ? Format(va) : "-", hasB ? Format(vb) : "-", delta, change);
        }

        console.Write(figures);
        var total = a.Numbers.Keys.Union(b.Numbers.Keys).Count();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{differing} of {total} figures differ"));
        return ExitCodes.Ok;
    }

    private static string Format(double value) => Math.Abs(value) >= 1e6 || value == Math.Floor(value)
        ? value.ToString("#,0.###", CultureInfo.InvariantCulture)
        : value.ToString("0.######", CultureInfo.InvariantCulture);
}
