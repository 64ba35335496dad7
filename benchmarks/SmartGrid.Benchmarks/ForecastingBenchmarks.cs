using System.Globalization;
using BenchmarkDotNet.Attributes;
using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Benchmarks;

/// <summary>
/// Fit times of the forecasters on the statsmodels reference series
/// (benchmarks/reference/statsmodels/inputs), the same fits fit_reference.py times in Python.
/// </summary>
[MemoryDiagnoser]
public class ForecastingBenchmarks
{
    private double[] _ar2 = null!;
    private double[] _arma11 = null!;
    private double[] _arima111 = null!;
    private double[] _seasonal = null!;
    private double[] _household = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ar2 = Read("ar2");
        _arma11 = Read("arma11");
        _arima111 = Read("arima111");
        _seasonal = Read("seasonal");
        _household = Read("household");
    }

    [Benchmark(Description = "ARIMA(2,0,0)+mean, 500 values (ar2)", Baseline = true)]
    public ArimaCoefficients Ar2() => Fit(new ArimaForecaster(new ArimaOrder(2, 0, 0)), _ar2);

    [Benchmark(Description = "ARIMA(1,0,1)+mean, 500 values (arma11)")]
    public ArimaCoefficients Arma11() => Fit(new ArimaForecaster(new ArimaOrder(1, 0, 1)), _arma11);

    [Benchmark(Description = "ARIMA(1,1,1), 500 values (arima111)")]
    public ArimaCoefficients Arima111() => Fit(new ArimaForecaster(new ArimaOrder(1, 1, 1)), _arima111);

    [Benchmark(Description = "SARIMA(1,0,0)(0,1,1)[24], 720 values (seasonal)")]
    public ArimaCoefficients SeasonalSarima() =>
        Fit(new ArimaForecaster(new ArimaOrder(1, 0, 0), new SeasonalOrder(0, 1, 1, 24)), _seasonal);

    [Benchmark(Description = "SARIMA(1,0,0)(1,0,0)[24]+mean, 168 values (household)")]
    public ArimaCoefficients HouseholdSarima() =>
        Fit(new ArimaForecaster(new ArimaOrder(1, 0, 0), new SeasonalOrder(1, 0, 0, 24)), _household);

    [Benchmark(Description = "Holt-Winters additive [24], 720 values (seasonal)")]
    public double SeasonalHoltWinters() => FitHoltWinters(_seasonal);

    [Benchmark(Description = "Holt-Winters additive [24], 168 values (household)")]
    public double HouseholdHoltWinters() => FitHoltWinters(_household);

    private static ArimaCoefficients Fit(ArimaForecaster model, double[] series)
    {
        model.Fit(series);
        return model.Coefficients;
    }

    private static double FitHoltWinters(double[] series)
    {
        var model = new HoltWintersForecaster(24);
        model.Fit(series);
        return model.Sse;
    }

    private static double[] Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartGridActors.sln")))
            {
                var path = Path.Combine(dir.FullName, "benchmarks", "reference", "statsmodels", "inputs", name + ".csv");
                return [.. File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];
            }
        }

        throw new DirectoryNotFoundException($"No SmartGridActors.sln above {AppContext.BaseDirectory}.");
    }
}
