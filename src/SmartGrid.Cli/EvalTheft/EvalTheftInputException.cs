using System.Globalization;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>Input that <c>eval-theft</c> cannot use; the message names the file, line and column (1-based, 0 when not tied to one).</summary>
public sealed class EvalTheftInputException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public EvalTheftInputException(string file, int line, int column, string detail)
        : base(Compose(file, line, column, detail))
    {
    }

    private static string Compose(string file, int line, int column, string detail) => (line, column) switch
    {
        ( > 0, > 0) => string.Create(CultureInfo.InvariantCulture, $"{file}: line {line}, column {column}: {detail}"),
        ( > 0, _) => string.Create(CultureInfo.InvariantCulture, $"{file}: line {line}: {detail}"),
        _ => $"{file}: {detail}",
    };
}
