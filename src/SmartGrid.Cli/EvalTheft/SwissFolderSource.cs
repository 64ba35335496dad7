using System.Globalization;
using SmartGrid.Simulation.Data;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>Reads a folder of the Swiss 15-minute files as it is (unlabelled; attacks are injected later).</summary>
public static class SwissFolderSource
{
    /// <summary>Whether <paramref name="directory"/> holds Swiss weekly files.</summary>
    public static bool Recognises(string directory) => Directory.EnumerateFiles(directory, "elcons_15min_w*.csv*").Any();

    /// <summary>Reads every household, one array of 96 quarter-hours per day.</summary>
    /// <exception cref="LoadDataFormatException">A file is malformed.</exception>
    public static TheftDataSet Load(string directory)
    {
        var data = SwissLoadDataReader.ReadDirectory(directory);
        var dates = Enumerable.Range(0, data.DayCount).Select(d => data.FirstDay.AddDays(d)).ToArray();
        var households = new List<LabelledHousehold>(data.HouseholdIds.Count);
        for (var h = 0; h < data.HouseholdIds.Count; h++)
        {
            var series = data.Series(h);
            var days = new double[data.DayCount][];
            for (var d = 0; d < days.Length; d++)
            {
                days[d] = series.Slice(d * SwissLoadDataReader.SlotsPerDay, SwissLoadDataReader.SlotsPerDay).ToArray();
            }

            households.Add(new LabelledHousehold(data.HouseholdIds[h].ToString(CultureInfo.InvariantCulture), dates, days));
        }

        var description = string.Create(CultureInfo.InvariantCulture, $"{directory}: {households.Count} Swiss households, {data.DayCount} days of 96 quarter-hours");
        return new TheftDataSet(description, TimeSpan.FromMinutes(15), households, PerCustomer: false);
    }
}
