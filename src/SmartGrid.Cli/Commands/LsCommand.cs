using System.CommandLine;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid ls --data DIR --tier meter|appliance|concentrator|substation|utility</c>: the node
/// ids of one tier, one per line, in ordinal order: every node certified for the tier and every
/// node with a chain of that tier in the store.
/// </summary>
public static class LsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder of the deployment", DefaultValueFactory = _ => "data" };
        var tier = new Option<string>("--tier") { Description = "meter, appliance, concentrator, substation or utility", Required = true };
        tier.Validators.Add(result =>
        {
            if (!Tier.TryParse(result.GetValue(tier), out _))
            {
                result.AddError($"--tier must be one of {string.Join(", ", Enum.GetValues<DeviceRole>().Select(Tier.NameOf))}, not '{result.GetValue(tier)}'");
            }
        });
        var command = new Command("ls", "Print the node ids of one tier, one per line.") { data, tier };
        command.SetAction((parse, cancellationToken) =>
        {
            Tier.TryParse(parse.GetValue(tier), out var role);
            return RunAsync(console, parse.GetValue(data)!, role, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, DeviceRole role, CancellationToken cancellationToken)
    {
        using var database = DataFolder.OpenReadOnly(console, dataDirectory);
        if (database is null)
        {
            return ExitCodes.BadInput;
        }

        var store = new SqliteLedgerStore(database);
        var ids = new SortedSet<DeviceId>();
        await foreach (var bytes in store.ReadCertificatesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var certificate = DeviceCertificate.Decode(bytes.Span);
                if (certificate.Role == role)
                {
                    ids.Add(certificate.Subject);
                }
            }
            catch (LedgerFormatException)
            {
                // A damaged certificate is the audit's finding; its chain, if any, is still listed below.
            }
        }

        await foreach (var chain in store.ListChainsAsync(role, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(chain.Node);
        }

        foreach (var id in ids)
        {
            console.WriteLine(id.Value);
        }

        return ExitCodes.Ok;
    }
}
