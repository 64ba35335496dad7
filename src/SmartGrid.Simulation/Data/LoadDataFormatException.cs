using System.Globalization;

namespace SmartGrid.Simulation.Data;

/// <summary>
/// A data file that cannot be read as documented. Says which file, which line (1-based, the
/// header is line 1), which field (1-based, 0 when the whole line or file is at fault) and what
/// kind of problem it is, so a caller can tell a truncated download from a changed format.
/// </summary>
public sealed class LoadDataFormatException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="kind">What was wrong.</param>
    /// <param name="inputName">File name or other description of the input.</param>
    /// <param name="lineNumber">1-based line number, 0 when not tied to a line.</param>
    /// <param name="field">1-based field number, 0 when not tied to a field.</param>
    /// <param name="detail">Human-readable detail.</param>
    public LoadDataFormatException(LoadDataErrorKind kind, string inputName, int lineNumber, int field, string detail)
        : base(Compose(kind, inputName, lineNumber, field, detail))
    {
        Kind = kind;
        InputName = inputName;
        LineNumber = lineNumber;
        Field = field;
        Detail = detail;
    }

    /// <summary>What was wrong.</summary>
    public LoadDataErrorKind Kind { get; }

    /// <summary>File name or other description of the input.</summary>
    public string InputName { get; }

    /// <summary>1-based line number, 0 when not tied to a line.</summary>
    public int LineNumber { get; }

    /// <summary>1-based field number, 0 when not tied to a field.</summary>
    public int Field { get; }

    /// <summary>Human-readable detail, without the location.</summary>
    public string Detail { get; }

    private static string Compose(LoadDataErrorKind kind, string inputName, int lineNumber, int field, string detail)
    {
        var location = lineNumber > 0
            ? field > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{inputName}:{lineNumber}, field {field}")
                : string.Create(CultureInfo.InvariantCulture, $"{inputName}:{lineNumber}")
            : inputName;
        return $"{location}: {kind}: {detail}";
    }
}
