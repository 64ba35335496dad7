using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SmartGrid.Cli.Running;
using SmartGrid.Ledger.Proofs;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// <c>smartgrid verify-proof FILE --root-key KEYFILE</c>: checks a reading proof offline with the
/// utility root public key alone. Exit 0 only for a valid proof; 1 for an invalid one; 2 when the
/// file or key cannot be read.
/// </summary>
public static class VerifyProofCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "Proof file written by `smartgrid prove`" };
        var rootKey = new Option<string>("--root-key") { Description = "Utility root public key (PEM or hex), e.g. DIR/root.pub", Required = true };
        var command = new Command("verify-proof", "Check a reading proof offline with only the utility root public key; exit 0 only when valid.") { file, rootKey };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(file)!, parse.GetValue(rootKey)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string file, string rootKeyPath, CancellationToken cancellationToken)
    {
        var key = DataFolder.ReadRootKey(console, null, rootKeyPath);
        if (key is null)
        {
            return ExitCodes.BadInput;
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > ReadingProof.MaxEncodedSize)
            {
                console.MarkupLineInterpolated($"[red]invalid:[/] {file} is {length:N0} bytes, larger than any proof ({ReadingProof.MaxEncodedSize:N0})");
                return ExitCodes.DefectsFound;
            }

            bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot read {file}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var result = ProofVerifier.Verify(bytes, key);
        if (!result.IsValid)
        {
            console.MarkupLineInterpolated($"[red]invalid:[/] {result.Failure}");
            return ExitCodes.DefectsFound;
        }

        var reading = result.Reading!;
        var values = string.Join(", ", result.Profile!.Channels.Select((channel, i) => string.Create(CultureInfo.InvariantCulture, $"{channel.Code} = {Scaled(reading.Values[i], channel.Scaler)} {channel.Unit}")));
        console.MarkupLineInterpolated($"[green]valid[/]: meter {result.Meter} reading {reading.Start:O} .. {reading.End:O}");
        console.WriteLine($"  values: {values}");
        foreach (var step in result.Path)
        {
            console.WriteLine($"  {step}");
        }

        // The block holding the reading was verified whole, its appliance reports included.
        foreach (var report in ReadingProof.Decode(bytes).MeterBlocks[0].Reports)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  carries appliance report {report.ApplianceId}#{report.Sequence}: {report.EnergyWh} Wh over {report.Start:O} .. {report.End:O}"));
        }

        return ExitCodes.Ok;
    }

    // Exact decimal of a raw DLMS value and its power-of-ten scaler (no binary floating point).
    private static decimal Scaled(long raw, sbyte scaler)
    {
        decimal value = raw;
        for (var i = 0; i < Math.Abs((int)scaler); i++)
        {
            value = scaler < 0 ? value / 10 : value * 10;
        }

        return value;
    }
}
