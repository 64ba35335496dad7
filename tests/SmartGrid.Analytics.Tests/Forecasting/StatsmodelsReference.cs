using System.Globalization;
using System.Text.Json;
using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Analytics.Tests.Forecasting;

/// <summary>
/// Reads the committed statsmodels reference (benchmarks/reference/statsmodels): the input series
/// and the JSON fitted by fit_reference.py. The repository root is the folder above the test
/// binaries that holds SmartGridActors.sln.
/// </summary>
internal static class StatsmodelsReference
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartGridActors.sln")))
            {
                return Path.Combine(dir.FullName, "benchmarks", "reference", "statsmodels");
            }
        }

        throw new DirectoryNotFoundException($"No SmartGridActors.sln above {AppContext.BaseDirectory}.");
    });

    public static JsonElement Case(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Value, "outputs", name + ".json")));
        return document.RootElement.Clone();
    }

    public static double[] Series(JsonElement reference) =>
        [.. File.ReadAllLines(Path.Combine(Folder.Value, reference.GetProperty("input").GetString()!))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => double.Parse(line, CultureInfo.InvariantCulture))];

    public static double[] Numbers(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(v => v.GetDouble())];

    public static double Number(this JsonElement element, string property) => element.GetProperty(property).GetDouble();

    /// <summary>The ARIMA model a reference case describes, fitted to its input.</summary>
    public static ArimaForecaster FitArima(JsonElement reference)
    {
        var order = reference.Numbers("order").Select(v => (int)v).ToArray();
        var seasonal = reference.Numbers("seasonal_order").Select(v => (int)v).ToArray();
        var model = new ArimaForecaster(
            new ArimaOrder(order[0], order[1], order[2]),
            new SeasonalOrder(seasonal[0], seasonal[1], seasonal[2], seasonal[3]),
            reference.GetProperty("include_mean").GetBoolean());
        model.Fit(Series(reference));
        return model;
    }

    /// <summary>All coefficients in statsmodels' order: mean (if any), AR, MA, seasonal AR, seasonal MA.</summary>
    public static double[] Flatten(ArimaCoefficients c, bool includeMean) =>
        [.. (includeMean ? new[] { c.Mean } : []), .. c.Ar, .. c.Ma, .. c.SeasonalAr, .. c.SeasonalMa];

    public static double[] Flatten(JsonElement fit, bool includeMean) =>
        [.. (includeMean ? new[] { fit.Number("mean") } : []), .. fit.Numbers("ar"), .. fit.Numbers("ma"), .. fit.Numbers("seasonal_ar"), .. fit.Numbers("seasonal_ma")];

    public static double MaxAbsDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        a.Count.Should().Be(b.Count);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
    }
}
