using System.Globalization;

namespace SmartGrid.Simulation.Data;

/// <summary>
/// Reads the hourly weather file of the Swiss data (<c>weather_data.csv[.gz]</c>): columns
/// <c>DATE_CET</c> (<c>yyyy-MM-dd HH:mm:ss</c>, CET) and <c>TEMP</c> among others. <c>TEMP</c> is in
/// degrees Fahrenheit (its values, 19.6 to 59.9 from November to mid-December in Switzerland,
/// fit Fahrenheit and not Celsius): the reader converts it to Celsius. <c>NA</c> or empty
/// temperatures are skipped.
/// </summary>
public static class WeatherDataReader
{
    private static readonly string[] Columns = ["DATE_CET", "TEMP"];

    /// <summary>Converts degrees Fahrenheit to degrees Celsius.</summary>
    public static double FahrenheitToCelsius(double fahrenheit) => (fahrenheit - 32.0) * 5.0 / 9.0;

    /// <summary>Reads the temperatures from an uncompressed CSV stream (left open).</summary>
    /// <exception cref="LoadDataFormatException">The content does not have the documented layout.</exception>
    public static HourlyTemperatureData Read(Stream csv, string sourceName)
    {
        var hours = new List<HourlyTemperature>();
        int[] index = [];
        var file = CsvFile.Read(csv, sourceName, (line, fields) => index = CsvFile.ColumnIndex(line, fields, Columns, sourceName), (line, fields, number) =>
        {
            var timeText = line.AsSpan()[fields[index[0]]];
            if (!DateTime.TryParseExact(timeText, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                throw new LoadDataFormatException(LoadDataErrorKind.BadTimestamp, sourceName, number, index[0] + 1, $"'{timeText}' is not yyyy-MM-dd HH:mm:ss");
            }

            var tempText = line.AsSpan()[fields[index[1]]];
            if (tempText.IsWhiteSpace() || tempText.SequenceEqual("NA"))
            {
                return;
            }

            if (!double.TryParse(tempText, NumberStyles.Float, CultureInfo.InvariantCulture, out var fahrenheit) || !double.IsFinite(fahrenheit))
            {
                throw new LoadDataFormatException(LoadDataErrorKind.BadValue, sourceName, number, index[1] + 1, $"'{tempText}' is not a finite number");
            }

            hours.Add(new HourlyTemperature(time, FahrenheitToCelsius(fahrenheit)));
        });

        return new HourlyTemperatureData(hours, file);
    }

    /// <summary>Reads the temperatures from a plain or gzip file.</summary>
    /// <exception cref="LoadDataFormatException">The content does not have the documented layout.</exception>
    public static HourlyTemperatureData ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var content = DataFiles.OpenUncompressed(path);
        return Read(content, Path.GetFileName(path));
    }
}
