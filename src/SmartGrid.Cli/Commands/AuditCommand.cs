using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Cli.Commands;

/// <summary><c>smartgrid audit --data DIR</c>: verify every stored chain offline and print every defect.</summary>
public static class AuditCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder of the deployment to audit", DefaultValueFactory = _ => "data" };
        var rootKey = new Option<string?>("--root-key") { Description = "Utility root public key (PEM or hex) to trust; default DIR/root.pub" };
        var command = new Command("audit", "Verify every stored chain offline, trusting only the utility root key; exit 1 when any defect is found.")
        {
            data,
            rootKey,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(data)!, parse.GetValue(rootKey), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, string? rootKeyPath, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(dataDirectory);
        var databasePath = Path.Combine(directory, EmbeddedProfileOptions.DatabaseFileName);
        if (!File.Exists(databasePath))
        {
            console.MarkupLineInterpolated($"[red]error:[/] no SmartGrid database at {databasePath}");
            return ExitCodes.BadInput;
        }

        PublicKey anchor;
        try
        {
            anchor = rootKeyPath is null ? UtilityRootFiles.ReadPublicKey(directory) : KeyFile.ReadPublicKey(rootKeyPath);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot read the utility root public key: {ex.Message}");
            return ExitCodes.BadInput;
        }

        SqliteDatabase database;
        try
        {
            database = new SqliteDatabase(new SqliteStoreOptions { Path = databasePath, ReadOnly = true });
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {databasePath} is not a SmartGrid database this version can read: {ex.Message}");
            return ExitCodes.BadInput;
        }

        using var owned = database;
        var store = new SqliteLedgerStore(database);
        var auditor = new LedgerAuditor(store, store, anchor);
        AuditReport report;
        if (console.Profile.Capabilities.Interactive)
        {
            report = null!;
            await console.Status().StartAsync("auditing", async context =>
            {
                var progress = new Progress<AuditProgress>(p => context.Status(string.Create(CultureInfo.InvariantCulture, $"audited {p.Chains:N0} chains, {p.Blocks:N0} blocks, {p.Defects:N0} defects")));
                report = await auditor.AuditAsync(progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            report = await auditor.AuditAsync(null, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (chain, chainReport) in report.DefectiveChains)
        {
            foreach (var defect in chainReport.Defects)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{chain} height {defect.Height}: {defect.Kind}: {defect.Message}"));
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"audited {report.Chains:N0} chains, {report.Blocks:N0} blocks, {report.Readings:N0} readings: {report.DefectCount:N0} defects");
        console.MarkupLine(report.IsClean ? $"[green]{summary.EscapeMarkup()}[/]" : $"[red]{summary.EscapeMarkup()}[/]");
        return report.IsClean ? ExitCodes.Ok : ExitCodes.DefectsFound;
    }
}
