using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Proofs;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid prove --data DIR --meter ID|--appliance ID [--time ISO-8601] --out FILE</c>: writes
/// the self-contained inclusion proof of the meter's reading covering that time (its latest reading
/// when no time is given), from the meter block up to a utility block. With <c>--appliance</c>, the
/// appliance's report covering that time (its latest when none is given) is proven through the
/// meter block that carries it: the proof verifies that block whole, the report included. Exit 0
/// when written, 1 when there is no proof yet (not anchored, no such reading), 2 on bad input.
/// </summary>
public static class ProveCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder of the deployment", DefaultValueFactory = _ => "data" };
        var meter = new Option<string?>("--meter") { Description = "Meter id" };
        var appliance = new Option<string?>("--appliance") { Description = "Appliance id: prove its report through the meter block carrying it" };
        var time = new Option<string?>("--time") { Description = "A time the reading covers (ISO 8601, e.g. 2026-11-25T13:20:00Z); default: the latest reading" };
        var output = new Option<string>("--out") { Description = "File to write the proof to", Required = true };
        meter.Validators.Add(r =>
        {
            if (!DeviceId.TryParse(r.GetValue(meter), out _, out var error))
            {
                r.AddError($"--meter: {error}");
            }
        });
        appliance.Validators.Add(r =>
        {
            if (!DeviceId.TryParse(r.GetValue(appliance), out _, out var error))
            {
                r.AddError($"--appliance: {error}");
            }
        });
        time.Validators.Add(r =>
        {
            if (r.GetValue(time) is { } text && !TryParseTime(text, out _))
            {
                r.AddError($"--time must be an ISO 8601 time with an offset or Z (e.g. 2026-11-25T13:20:00Z), not '{text}'");
            }
        });
        var command = new Command("prove", "Write the inclusion proof of a meter reading (or an appliance report) up to the utility chain, checkable offline.") { data, meter, appliance, time, output };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(meter) is null) == (r.GetValue(appliance) is null))
            {
                r.AddError("give exactly one of --meter and --appliance");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            DateTimeOffset? at = parse.GetValue(time) is { } text && TryParseTime(text, out var parsed) ? parsed : null;
            var node = DeviceId.Parse((parse.GetValue(meter) ?? parse.GetValue(appliance))!);
            return RunAsync(console, parse.GetValue(data)!, node, parse.GetValue(appliance) is not null, at, parse.GetValue(output)!, cancellationToken);
        });
        return command;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, DeviceId node, bool isAppliance, DateTimeOffset? time, string output, CancellationToken cancellationToken)
    {
        using var database = DataFolder.OpenReadOnly(console, dataDirectory);
        if (database is null)
        {
            return ExitCodes.BadInput;
        }

        var store = new SqliteLedgerStore(database);
        var meter = node;
        ApplianceReport? report = null;
        if (isAppliance)
        {
            if (await store.GetHeightAsync(new ChainId(DeviceRole.Appliance, node), cancellationToken).ConfigureAwait(false) == 0)
            {
                console.MarkupLineInterpolated($"[red]no proof:[/] the store holds no chain for appliance '{node}'");
                return ExitCodes.BadInput;
            }

            report = await FindReportAsync(store, node, time, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                console.MarkupLineInterpolated($"[red]no proof:[/] appliance '{node}' has no stored report{(time is { } t ? $" covering {t:O}" : string.Empty)}");
                return ExitCodes.DefectsFound;
            }

            // The report lies within the readings of the block carrying it: prove the reading at its start.
            meter = report.Household;
            time = report.Start;
        }

        ReadingProof proof;
        try
        {
            proof = await new ProofBuilder(store, store).BuildAsync(meter, time, cancellationToken).ConfigureAwait(false);
        }
        catch (ProofUnavailableException ex)
        {
            console.MarkupLineInterpolated($"[red]no proof:[/] {ex.Message}");
            return ex.Reason == ProofUnavailableReason.UnknownMeter ? ExitCodes.BadInput : ExitCodes.DefectsFound;
        }

        if (report is not null && !proof.MeterBlocks[0].Reports.Any(r => r.Hash == report.Hash))
        {
            console.MarkupLineInterpolated($"[red]no proof:[/] no meter block of '{meter}' carries {report}: run `smartgrid audit`");
            return ExitCodes.DefectsFound;
        }

        var bytes = proof.Encode();
        try
        {
            var path = Path.GetFullPath(output);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot write {output}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var reading = proof.Reading;
        var carried = report is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"appliance report {report.ApplianceId}#{report.Sequence} ({report.EnergyWh} Wh) carried by ");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output} ({bytes.Length:N0} bytes): {carried}reading {reading.Start:O} .. {reading.End:O} of meter {meter}, block {proof.MeterBlocks[0].Sequence}, anchored up to utility block {proof.Steps[^1].Headers[^1].Node}#{proof.Steps[^1].Headers[^1].Sequence}"));
        return ExitCodes.Ok;
    }

    // The appliance's stored report covering the time (its latest when none is given). A record
    // that does not decode is skipped here; the audit reports it.
    private static async Task<ApplianceReport?> FindReportAsync(SqliteLedgerStore store, DeviceId appliance, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        ApplianceReport? found = null;
        await foreach (var entry in store.ReadAsync(new ChainId(DeviceRole.Appliance, appliance), 0, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var report = ApplianceReport.Decode(entry.Bytes.Span);
                if (time is not { } t)
                {
                    found = report;
                }
                else if (report.Start <= t && t < report.End)
                {
                    return report;
                }
            }
            catch (LedgerFormatException)
            {
                // The audit reports a record that does not decode; another report may cover the time.
            }
        }

        return found;
    }
}
