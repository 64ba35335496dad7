using System.Globalization;

namespace SmartGrid.Simulation.Data;

/// <summary>
/// The reading loop the data readers share: split each line, hand the header and then every
/// data line to the caller, and fail with a typed error on an empty input, an unterminated quote
/// or a data line whose field count differs from the header's.
/// </summary>
internal static class CsvFile
{
    /// <summary>Reads <paramref name="csv"/> (uncompressed, left open) and returns what was read.</summary>
    /// <param name="csv">The content.</param>
    /// <param name="sourceName">Name used in errors and in the result.</param>
    /// <param name="header">Checks the header line and its field ranges; throws to reject it.</param>
    /// <param name="row">Handles a data line, its field ranges and its 1-based line number.</param>
    /// <exception cref="LoadDataFormatException">The input is empty or malformed.</exception>
    public static DataFileInfo Read(Stream csv, string sourceName, Action<string, List<Range>> header, Action<string, List<Range>, int> row)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(sourceName);
        var fields = new List<Range>();
        var width = -1;
        var lines = 0;
        var sha = DataFiles.ReadLines(csv, (line, number) =>
        {
            if (!CsvLine.Split(line, fields))
            {
                throw new LoadDataFormatException(LoadDataErrorKind.UnterminatedQuote, sourceName, number, 0, "a quoted field is not closed");
            }

            if (width < 0)
            {
                header(line, fields);
                width = fields.Count;
                return;
            }

            if (fields.Count != width)
            {
                throw new LoadDataFormatException(LoadDataErrorKind.WrongFieldCount, sourceName, number, 0,
                    string.Create(CultureInfo.InvariantCulture, $"expected {width} fields, found {fields.Count}"));
            }

            lines++;
            row(line, fields, number);
        });

        if (width < 0)
        {
            throw new LoadDataFormatException(LoadDataErrorKind.MissingHeader, sourceName, 0, 0, "the input is empty");
        }

        return new DataFileInfo(sourceName, sha, lines);
    }

    /// <summary>Positions of <paramref name="names"/> in a header line; fails naming the first missing column.</summary>
    public static int[] ColumnIndex(string line, List<Range> fields, IReadOnlyList<string> names, string sourceName)
    {
        var index = new int[names.Count];
        for (var n = 0; n < names.Count; n++)
        {
            index[n] = fields.FindIndex(r => line.AsSpan()[r].SequenceEqual(names[n]));
            if (index[n] < 0)
            {
                throw new LoadDataFormatException(LoadDataErrorKind.BadHeader, sourceName, 1, 0, $"no column '{names[n]}'");
            }
        }

        return index;
    }
}
