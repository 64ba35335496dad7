using BenchmarkDotNet.Attributes;
using SmartGrid.Analytics.Forecasting;
using SmartGrid.Analytics.Household;

namespace SmartGrid.Benchmarks.Micro;

/// <summary>
/// The edge analytics' cost on the ingest path: one upload of 24 quarter-hour energies into a
/// household monitor with two days of history (the bandit's forecast round, the ring, and every
/// fourth upload the day's close with its EWMA fit), and one EWMA fit of 192 values.
/// </summary>
[MemoryDiagnoser]
public class HouseholdAnalyticsBenchmarks
{
    private const int Monitors = 256;
    private readonly double[][] _uploads = new double[64][];
    private HouseholdMonitor[] _monitors = null!;
    private double[] _twoDays = null!;
    private int _next;

    /// <summary>Spread of the random part of each reading, Wh: 80 (a regular household) or 400 (an erratic one, where the bandit tries the EWMA often).</summary>
    [Params(80, 400)]
    public int Noise { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var u = 0; u < _uploads.Length; u++)
        {
            // A household's day: low at night, an evening peak, noise.
            _uploads[u] = [.. Enumerable.Range(0, 24).Select(i => 60 + (200 * Math.Max(0, Math.Sin(Math.PI * (((u % 4) * 24) + i) / 96))) + random.Next(Noise))];
        }

        _monitors = [.. Enumerable.Range(0, Monitors).Select(_ => new HouseholdMonitor())];
        for (var round = 0; round < 12; round++)
        {
            foreach (var monitor in _monitors)
            {
                monitor.Observe(_uploads[round % _uploads.Length]);
            }
        }

        _twoDays = [.. Enumerable.Range(0, 8).SelectMany(u => _uploads[u])];
    }

    [Benchmark(Description = "HouseholdMonitor.Observe, one upload of 24 readings", Baseline = true)]
    public void Observe()
    {
        var n = _next++;
        _monitors[n % Monitors].Observe(_uploads[n % _uploads.Length]);
    }

    [Benchmark(Description = "EWMA fit (alpha by golden section), 192 values")]
    public double EwmaFit()
    {
        var ewma = new ExponentialSmoothingForecaster();
        ewma.Fit(_twoDays);
        return ewma.Alpha;
    }
}
