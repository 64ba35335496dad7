using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid events --data DIR [--kind KIND]</c>: the analytics verdicts recorded on the anchor
/// chains (energy imbalance, voltage out of range, reversed, stuck, flat-lined and drifting registers,
/// neutral loss, silent meters, area outages, theft alarms), one per line with the chain, height, time, subject and value. Exit 0; 2 on bad input.
/// Run <c>smartgrid audit</c> to know the chains themselves are intact.
/// </summary>
public static class EventsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder of the deployment", DefaultValueFactory = _ => "data" };
        var kind = new Option<string?>("--kind") { Description = $"Only events of this kind: {string.Join(", ", Enum.GetNames<ChainEventKind>())}" };
        kind.Validators.Add(result =>
        {
            if (result.GetValue(kind) is { } text && !Enum.TryParse<ChainEventKind>(text, ignoreCase: false, out _))
            {
                result.AddError($"--kind must be one of {string.Join(", ", Enum.GetNames<ChainEventKind>())}, not '{text}'");
            }
        });
        var command = new Command("events", "Print the analytics verdicts recorded on the anchor chains.") { data, kind };
        command.SetAction((parse, cancellationToken) =>
        {
            ChainEventKind? only = parse.GetValue(kind) is { } text ? Enum.Parse<ChainEventKind>(text) : null;
            return RunAsync(console, parse.GetValue(data)!, only, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, ChainEventKind? only, CancellationToken cancellationToken)
    {
        using var database = DataFolder.OpenReadOnly(console, dataDirectory);
        if (database is null)
        {
            return ExitCodes.BadInput;
        }

        var store = new SqliteLedgerStore(database);
        var count = 0;
        await foreach (var (chain, height, item) in RecordedEvents.ReadAsync(store, RecordedEvents.AnchorRoles, only, cancellationToken).ConfigureAwait(false))
        {
            console.WriteRecord(string.Create(CultureInfo.InvariantCulture, $"{chain} height {height}: {item.Time:O} {item.Kind} {item.Subject} {item.Value:0.######}"));
            count++;
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} events"));
        return ExitCodes.Ok;
    }
}
