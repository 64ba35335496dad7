using System.Globalization;
using System.Text;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>Small in-memory CSV inputs for reader tests.</summary>
public static class Csv
{
    public static string WeeklyHeader(int valueColumns = 672) =>
        "VID," + string.Join(",", Enumerable.Range(1, valueColumns).Select(i => string.Create(CultureInfo.InvariantCulture, $"V{i:000}")));

    public static string WeeklyRow(string id, int values = 672, Func<int, string>? value = null) =>
        id + "," + string.Join(",", Enumerable.Range(1, values).Select(i => value?.Invoke(i) ?? "0.125"));

    public static MemoryStream Stream(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + (lines.Length > 0 ? "\n" : "")));
}
