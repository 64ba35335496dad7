using System.Globalization;

namespace SmartGrid.Simulation.Data;

/// <summary>
/// Reads <c>heatinginfo_15min.csv[.gz]</c>: a header naming <c>VID</c>, <c>household_type</c>,
/// <c>heating_type</c>, <c>survey_WP_type</c> and <c>survey_WP_age</c> (in any order), then one
/// line per household with quoted or empty answers.
/// </summary>
public static class HeatingSurveyReader
{
    private static readonly string[] Columns = ["VID", "household_type", "heating_type", "survey_WP_type", "survey_WP_age"];

    /// <summary>Reads the survey from an uncompressed CSV stream (left open).</summary>
    /// <exception cref="LoadDataFormatException">The content does not have the documented layout.</exception>
    public static HeatingSurveyData Read(Stream csv, string sourceName)
    {
        var result = new Dictionary<long, HeatingSurvey>();
        int[] index = [];
        var file = CsvFile.Read(csv, sourceName, (line, fields) => index = CsvFile.ColumnIndex(line, fields, Columns, sourceName), (line, fields, number) =>
        {
            var idText = line.AsSpan()[fields[index[0]]];
            if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                throw new LoadDataFormatException(LoadDataErrorKind.BadHouseholdId, sourceName, number, index[0] + 1, $"'{idText}' is not a positive integer");
            }

            string? Answer(int column) => line.AsSpan()[fields[index[column]]].IsWhiteSpace() ? null : line[fields[index[column]]];
            if (!result.TryAdd(id, new HeatingSurvey(id, Answer(1), Answer(2), Answer(3), Answer(4))))
            {
                throw new LoadDataFormatException(LoadDataErrorKind.DuplicateHousehold, sourceName, number, index[0] + 1,
                    string.Create(CultureInfo.InvariantCulture, $"household {id} appears twice"));
            }
        });

        return new HeatingSurveyData(result, file);
    }

    /// <summary>Reads the survey from a plain or gzip file.</summary>
    /// <exception cref="LoadDataFormatException">The content does not have the documented layout.</exception>
    public static HeatingSurveyData ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var content = DataFiles.OpenUncompressed(path);
        return Read(content, Path.GetFileName(path));
    }
}
