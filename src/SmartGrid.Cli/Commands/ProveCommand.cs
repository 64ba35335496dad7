using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Proofs;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid prove --data DIR --meter ID [--time ISO-8601] --out FILE</c>: writes the
/// self-contained inclusion proof of the meter's reading covering that time (its latest reading
/// when no time is given), from the meter block up to a utility block. Exit 0 when written, 1 when
/// the reading has no proof yet (not anchored, no such reading), 2 on bad input.
/// </summary>
public static class ProveCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { Description = "Data folder of the deployment", DefaultValueFactory = _ => "data" };
        var meter = new Option<string>("--meter") { Description = "Meter id", Required = true };
        var time = new Option<string?>("--time") { Description = "A time the reading covers (ISO 8601, e.g. 2026-11-25T13:20:00Z); default: the latest reading" };
        var output = new Option<string>("--out") { Description = "File to write the proof to", Required = true };
        meter.Validators.Add(r =>
        {
            if (!DeviceId.TryParse(r.GetValue(meter), out _, out var error))
            {
                r.AddError($"--meter: {error}");
            }
        });
        time.Validators.Add(r =>
        {
            if (r.GetValue(time) is { } text && !TryParseTime(text, out _))
            {
                r.AddError($"--time must be an ISO 8601 time with an offset or Z (e.g. 2026-11-25T13:20:00Z), not '{text}'");
            }
        });
        var command = new Command("prove", "Write the inclusion proof of a meter reading up to the utility chain, checkable offline.") { data, meter, time, output };
        command.SetAction((parse, cancellationToken) =>
        {
            DateTimeOffset? at = parse.GetValue(time) is { } text && TryParseTime(text, out var parsed) ? parsed : null;
            return RunAsync(console, parse.GetValue(data)!, DeviceId.Parse(parse.GetValue(meter)!), at, parse.GetValue(output)!, cancellationToken);
        });
        return command;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, DeviceId meter, DateTimeOffset? time, string output, CancellationToken cancellationToken)
    {
        using var database = DataFolder.OpenReadOnly(console, dataDirectory);
        if (database is null)
        {
            return ExitCodes.BadInput;
        }

        var store = new SqliteLedgerStore(database);
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
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output} ({bytes.Length:N0} bytes): reading {reading.Start:O} .. {reading.End:O} of meter {meter}, block {proof.MeterBlocks[0].Sequence}, anchored up to utility block {proof.Steps[^1].Headers[^1].Node}#{proof.Steps[^1].Headers[^1].Sequence}"));
        return ExitCodes.Ok;
    }
}
