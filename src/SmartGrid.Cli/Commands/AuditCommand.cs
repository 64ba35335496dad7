using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Validators;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid audit --data DIR</c>: verify every stored chain offline and print every defect.
/// Blocks committed by validators (commit scheme 1) are checked against the validator sets stored
/// with the deployment whose members the root certified; a set that is not is named and left out,
/// so the blocks it committed are unverifiable.
/// </summary>
public static class AuditCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder of the deployment to audit", DefaultValueFactory = _ => "data" };
        var rootKey = new Option<string?>("--root-key") { Description = "Utility root public key (PEM or hex) to trust; default DIR/root.pub" };
        var command = new Command("audit", "Verify every stored chain of every tier and every anchor offline, trusting only the utility root key; exit 1 when any defect is found.")
        {
            data,
            rootKey,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(data)!, parse.GetValue(rootKey), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, string? rootKeyPath, CancellationToken cancellationToken)
    {
        using var database = DataFolder.OpenReadOnly(console, dataDirectory);
        if (database is null)
        {
            return ExitCodes.BadInput;
        }

        var anchor = DataFolder.ReadRootKey(console, dataDirectory, rootKeyPath);
        if (anchor is null)
        {
            return ExitCodes.BadInput;
        }

        var store = new SqliteLedgerStore(database);
        var validators = await StoredValidatorSets.LoadAsync(store, store, anchor, cancellationToken).ConfigureAwait(false);
        foreach (var problem in validators.Problems)
        {
            console.WriteLine($"{problem}; the blocks it committed cannot be verified");
        }

        var auditor = new LedgerAuditor(store, store, anchor, commits: new AnchorCommitVerifier(validators.Sets));
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
                console.WriteRecord(string.Create(CultureInfo.InvariantCulture, $"{chain} height {defect.Height}: {defect.Kind}: {defect.Message}"));
            }
        }

        foreach (var (role, tier) in report.Tiers)
        {
            var anchors = Tier.IsAnchoring(role) ? string.Create(CultureInfo.InvariantCulture, $", {tier.Anchors:N0} anchors checked against the tier below")
                : tier.Anchors > 0 ? string.Create(CultureInfo.InvariantCulture, $", {tier.Anchors:N0} appliance reports carried and checked against their appliances' chains")
                : string.Empty;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Tier.NameOf(role)} tier: {tier.Chains:N0} chains, {tier.Blocks:N0} blocks{anchors}"));
        }

        if (validators.Sets.Count > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"commit certificates checked against {validators.Sets.Count:N0} validator sets stored with the deployment"));
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"audited {report.Chains:N0} chains, {report.Blocks:N0} blocks, {report.Readings:N0} readings: {report.DefectCount:N0} defects");
        console.MarkupLine(report.IsClean ? $"[green]{summary.EscapeMarkup()}[/]" : $"[red]{summary.EscapeMarkup()}[/]");
        return report.IsClean ? ExitCodes.Ok : ExitCodes.DefectsFound;
    }
}
