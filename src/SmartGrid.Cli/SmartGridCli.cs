using System.CommandLine;
using Spectre.Console;
using SmartGrid.Cli.Commands;

namespace SmartGrid.Cli;

/// <summary>The <c>smartgrid</c> command line: builds the command tree and runs it.</summary>
public static class SmartGridCli
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="console"/> (the terminal by default).</summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var root = new RootCommand("SmartGridActors: a secure, auditable smart-metering ledger on Orleans.")
        {
            RunCommand.Create(console),
            AuditCommand.Create(console),
            LsCommand.Create(console),
            ProveCommand.Create(console),
            VerifyProofCommand.Create(console),
            EventsCommand.Create(console),
            EvalTheftCommand.Create(console),
            EvalLearningCommand.Create(console),
            SimulateCommand.Create(console),
            CompareCommand.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad input is exit code 2 for every command, so `audit` keeps 1 for "defects found".
            foreach (var error in parse.Errors)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            }

            console.WriteLine("see `smartgrid --help` or `smartgrid <command> --help`");
            return ExitCodes.BadInput;
        }

        var output = new AnsiConsoleTextWriter(console);
        // Ctrl+C and SIGTERM cancel the command's token; a silo gets time to stop cleanly.
        var configuration = new InvocationConfiguration { Output = output, Error = output, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
