using System.Globalization;
using System.IO.Compression;

namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// Reads the UCI household power file as published: ';'-separated, CRLF or LF line ends, a header row,
/// dates d/m/yyyy and times hh:mm:ss in local time, '?' for a missing value. A defect is reported as an
/// <see cref="AnalyticsInputException"/> naming the line.
/// </summary>
public static class UciHouseholdPowerReader
{
    private const string Header = "Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;Sub_metering_1;Sub_metering_2;Sub_metering_3";

    /// <summary>Reads a file, gzip-compressed when its name ends in <c>.gz</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="utcOffset">The offset of the file's local times (+01:00 for French winter time).</param>
    /// <exception cref="AnalyticsInputException">The file is malformed.</exception>
    public static UciHouseholdPower ReadFile(string path, TimeSpan utcOffset)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return Read(reader, utcOffset);
    }

    /// <summary>Reads the rows from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text, header first.</param>
    /// <param name="utcOffset">The offset of the local times.</param>
    /// <exception cref="AnalyticsInputException">The header is not the UCI header, a row has the wrong number of
    /// fields or an unreadable value, the rows are not in time order, or there is no row.</exception>
    public static UciHouseholdPower Read(TextReader reader, TimeSpan utcOffset)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.Trim();
        if (header != Header)
        {
            throw new AnalyticsInputException($"line 1: expected the UCI header '{Header}', found '{header}'", nameof(reader));
        }

        var times = new List<DateTimeOffset>();
        var columns = Enumerable.Range(0, 7).Select(_ => new List<double>()).ToArray();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(';');
            if (fields.Length != 9)
            {
                throw new AnalyticsInputException($"line {lineNumber}: expected 9 fields, found {fields.Length}", nameof(reader));
            }

            var time = ParseTime(fields[0].Trim(), fields[1].Trim(), utcOffset, lineNumber);
            if (times.Count > 0 && time <= times[^1])
            {
                throw new AnalyticsInputException($"line {lineNumber}: {time:O} is not after the previous row ({times[^1]:O})", nameof(reader));
            }

            times.Add(time);
            for (var c = 0; c < 7; c++)
            {
                columns[c].Add(ParseValue(fields[c + 2].Trim(), lineNumber, c + 3));
            }
        }

        if (times.Count == 0)
        {
            throw new AnalyticsInputException("the file holds a header but no row", nameof(reader));
        }

        return new UciHouseholdPower(times, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6]);
    }

    private static DateTimeOffset ParseTime(string date, string time, TimeSpan offset, int line)
    {
        if (!DateTime.TryParseExact($"{date} {time}", "d/M/yyyy H:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new AnalyticsInputException($"line {line}: '{date} {time}' is not a d/m/yyyy hh:mm:ss time", "reader");
        }

        return new DateTimeOffset(local, offset);
    }

    private static double ParseValue(string field, int line, int column)
    {
        if (field is "?" or "")
        {
            return double.NaN;
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new AnalyticsInputException($"line {line}, field {column}: '{field}' is not a number", "reader");
        }

        return value;
    }
}
