using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartGrid.Simulation.Data;

/// <summary>
/// Reads the Swiss 15-minute household data (<c>elcons_15min_wNN.csv[.gz]</c>: columns
/// <c>VID,V001..V672</c>, kWh per quarter-hour of ISO week NN, local time from Monday 00:00).
/// Anything that does not match that layout fails with a <see cref="LoadDataFormatException"/>
/// naming the file, line, field and <see cref="LoadDataErrorKind"/>. Negative values are legal
/// (meter artefacts in the source): they are kept and counted, never rejected.
/// </summary>
public static partial class SwissLoadDataReader
{
    /// <summary>Quarter-hours in a day.</summary>
    public const int SlotsPerDay = 96;

    /// <summary>Quarter-hours in a week: the value columns of one file.</summary>
    public const int SlotsPerWeek = 7 * SlotsPerDay;

    /// <summary>Year of the ISO weeks in the published files (as far as is known; the weather file agrees).</summary>
    public const int DefaultYear = 2018;

    /// <summary>Reads one weekly file from an uncompressed CSV stream.</summary>
    /// <param name="csv">The CSV content (not compressed). Left open.</param>
    /// <param name="sourceName">Name used in errors and in <see cref="SwissLoadWeek.File"/>.</param>
    /// <param name="isoWeek">ISO week the file covers.</param>
    /// <exception cref="LoadDataFormatException">The content does not have the documented layout.</exception>
    public static SwissLoadWeek ReadWeek(Stream csv, string sourceName, int isoWeek)
    {
        var ids = new List<long>();
        var rows = new List<double[]>();
        var seen = new HashSet<long>();
        var negatives = 0;
        var file = CsvFile.Read(csv, sourceName, (line, fields) => CheckHeader(line, fields, sourceName), (line, fields, number) =>
        {
            var idText = line.AsSpan()[fields[0]];
            if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                throw new LoadDataFormatException(LoadDataErrorKind.BadHouseholdId, sourceName, number, 1, $"'{idText}' is not a positive integer");
            }

            if (!seen.Add(id))
            {
                throw new LoadDataFormatException(LoadDataErrorKind.DuplicateHousehold, sourceName, number, 1,
                    string.Create(CultureInfo.InvariantCulture, $"household {id} appears twice"));
            }

            var values = new double[SlotsPerWeek];
            for (var i = 0; i < SlotsPerWeek; i++)
            {
                var text = line.AsSpan()[fields[i + 1]];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new LoadDataFormatException(LoadDataErrorKind.BadValue, sourceName, number, i + 2, $"'{text}' is not a finite number");
                }

                if (value < 0)
                {
                    negatives++;
                }

                values[i] = value;
            }

            ids.Add(id);
            rows.Add(values);
        });

        if (rows.Count == 0)
        {
            throw new LoadDataFormatException(LoadDataErrorKind.NoData, sourceName, 0, 0, "no household lines after the header");
        }

        return new SwissLoadWeek(isoWeek, [.. ids], [.. rows], negatives, file);
    }

    /// <summary>Reads one weekly file, plain or gzip; the week comes from the name (<c>..._wNN.csv[.gz]</c>).</summary>
    /// <exception cref="LoadDataFormatException">The name has no week number or the content is malformed.</exception>
    public static SwissLoadWeek ReadWeekFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        var week = WeekOf(name) ?? throw new LoadDataFormatException(LoadDataErrorKind.InconsistentFiles, name, 0, 0, "the file name has no week number (expected ..._wNN.csv or .csv.gz)");
        using var content = DataFiles.OpenUncompressed(path);
        return ReadWeek(content, name, week);
    }

    /// <summary>
    /// Reads every <c>elcons_15min_wNN.csv.gz</c> (or <c>.csv</c>) of a directory and joins them per
    /// household. The weeks must be consecutive and every file must hold the same households.
    /// </summary>
    /// <param name="directory">Directory holding the weekly files.</param>
    /// <param name="year">ISO year of the weeks.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="LoadDataFormatException">A file is malformed or the files do not fit together.</exception>
    public static SwissLoadDataSet ReadDirectory(string directory, int year = DefaultYear)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No Swiss load data directory at '{directory}'.");
        }

        var paths = Directory.GetFiles(directory, "elcons_15min_w*.csv*")
            .Where(p => p.EndsWith(".csv", StringComparison.Ordinal) || p.EndsWith(".csv.gz", StringComparison.Ordinal))
            .OrderBy(p => WeekOf(Path.GetFileName(p)) ?? -1)
            .ToArray();
        if (paths.Length == 0)
        {
            throw new LoadDataFormatException(LoadDataErrorKind.InconsistentFiles, directory, 0, 0, "no elcons_15min_wNN.csv[.gz] files");
        }

        var weeks = paths.Select(ReadWeekFile).ToArray();
        return Join(weeks, year, directory);
    }

    /// <summary>Joins weekly files (consecutive weeks, same households) into one series per household.</summary>
    /// <exception cref="LoadDataFormatException">Weeks are missing or repeated, or the households differ.</exception>
    public static SwissLoadDataSet Join(IReadOnlyList<SwissLoadWeek> weeks, int year = DefaultYear, string description = "weeks")
    {
        ArgumentNullException.ThrowIfNull(weeks);
        if (weeks.Count == 0)
        {
            throw new LoadDataFormatException(LoadDataErrorKind.InconsistentFiles, description, 0, 0, "no weeks to join");
        }

        var first = weeks[0];
        var order = new Dictionary<long, int>(first.HouseholdIds.Count);
        for (var i = 0; i < first.HouseholdIds.Count; i++)
        {
            order.Add(first.HouseholdIds[i], i);
        }

        var series = new double[order.Count][];
        for (var h = 0; h < series.Length; h++)
        {
            series[h] = new double[weeks.Count * SlotsPerWeek];
        }

        for (var w = 0; w < weeks.Count; w++)
        {
            var week = weeks[w];
            if (week.IsoWeek != first.IsoWeek + w)
            {
                throw new LoadDataFormatException(LoadDataErrorKind.InconsistentFiles, week.File.Name, 0, 0,
                    string.Create(CultureInfo.InvariantCulture, $"expected week {first.IsoWeek + w}, found week {week.IsoWeek}"));
            }

            if (week.HouseholdIds.Count != order.Count)
            {
                throw new LoadDataFormatException(LoadDataErrorKind.InconsistentFiles, week.File.Name, 0, 0,
                    string.Create(CultureInfo.InvariantCulture, $"{week.HouseholdIds.Count} households, the first week has {order.Count}"));
            }

            for (var i = 0; i < week.HouseholdIds.Count; i++)
            {
                if (!order.TryGetValue(week.HouseholdIds[i], out var h))
                {
                    throw new LoadDataFormatException(LoadDataErrorKind.InconsistentFiles, week.File.Name, i + 2, 1,
                        string.Create(CultureInfo.InvariantCulture, $"household {week.HouseholdIds[i]} is not in the first week"));
                }

                week.Values(i).CopyTo(series[h].AsSpan(w * SlotsPerWeek, SlotsPerWeek));
            }
        }

        var firstDay = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, first.IsoWeek, DayOfWeek.Monday));
        return new SwissLoadDataSet(firstDay, [.. first.HouseholdIds], series, weeks.Sum(w => w.NegativeValueCount), [.. weeks.Select(w => w.File)]);
    }

    private static void CheckHeader(string line, List<Range> fields, string sourceName)
    {
        if (fields.Count != SlotsPerWeek + 1)
        {
            throw new LoadDataFormatException(LoadDataErrorKind.BadHeader, sourceName, 1, 0,
                string.Create(CultureInfo.InvariantCulture, $"expected VID and {SlotsPerWeek} value columns, found {fields.Count} columns"));
        }

        if (!line.AsSpan()[fields[0]].SequenceEqual("VID"))
        {
            throw new LoadDataFormatException(LoadDataErrorKind.BadHeader, sourceName, 1, 1, $"expected 'VID', found '{line[fields[0]]}'");
        }

        for (var i = 1; i <= SlotsPerWeek; i++)
        {
            var expected = string.Create(CultureInfo.InvariantCulture, $"V{i:000}");
            if (!line.AsSpan()[fields[i]].SequenceEqual(expected))
            {
                throw new LoadDataFormatException(LoadDataErrorKind.BadHeader, sourceName, 1, i + 1, $"expected '{expected}', found '{line[fields[i]]}'");
            }
        }
    }

    private static int? WeekOf(string fileName)
    {
        var match = WeekPattern().Match(fileName);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"_w(\d{1,2})\.csv(\.gz)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekPattern();
}
