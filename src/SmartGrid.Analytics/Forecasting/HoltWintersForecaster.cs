using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Optimization.ObjectiveFunctions;

namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Holt-Winters additive (level, trend, season of <see cref="Season"/> intervals), in the form
/// statsmodels uses:
/// <c>ℓ(t) = α(y(t) − s(t−m)) + (1−α)(ℓ(t−1) + b(t−1))</c>,
/// <c>b(t) = β(ℓ(t) − ℓ(t−1)) + (1−β)b(t−1)</c>,
/// <c>s(t) = γ(y(t) − ℓ(t−1) − b(t−1)) + (1−γ)s(t−m)</c>,
/// forecast <c>ŷ(n+h) = ℓ(n) + h·b(n) + s(n+h−m·⌈h/m⌉)</c>.
/// </summary>
/// <remarks>
/// Initial states by the simple heuristic of Hyndman and Athanasopoulos §7.6 (statsmodels'
/// <c>_initialization_simple</c>): ℓ = mean of the first season, b = mean of
/// (y[m..2m) − y[0..m)) / m, s = y[0..m) − ℓ; so at least two seasons are needed. The smoothing
/// weights minimise the sum of squared one-step errors over the admissible region
/// 0 ≤ α ≤ 1, 0 ≤ β ≤ α, 0 ≤ γ ≤ 1 − α (parameterised as α, β/α, γ/(1−α) in the unit cube),
/// by MathNet's bounded BFGS (BFGS-B, forward-difference gradient) started from the best point
/// of a 5×5×5 grid. <see cref="Update"/> applies the recursions with the fitted weights.
/// </remarks>
public sealed class HoltWintersForecaster : IForecaster
{
    private const double Edge = 1e-4;
    private readonly RecentValues _seasonals;
    private double _level;
    private double _trend;

    /// <summary>Creates the forecaster for a season of <paramref name="season"/> intervals.</summary>
    /// <exception cref="AnalyticsInputException"><paramref name="season"/> is less than 2.</exception>
    public HoltWintersForecaster(int season)
    {
        ForecastInput.RequireSeason(season, nameof(season));
        Season = season;
        _seasonals = new RecentValues(season);
    }

    /// <summary>Intervals per season.</summary>
    public int Season { get; }

    /// <summary>Fitted level weight α.</summary>
    public double Alpha { get; private set; } = double.NaN;

    /// <summary>Fitted trend weight β (β ≤ α).</summary>
    public double Beta { get; private set; } = double.NaN;

    /// <summary>Fitted seasonal weight γ (γ ≤ 1 − α).</summary>
    public double Gamma { get; private set; } = double.NaN;

    /// <summary>Sum of squared one-step errors over the history at the fitted weights.</summary>
    public double Sse { get; private set; } = double.NaN;

    /// <summary>Initial level ℓ(0) from the heuristic.</summary>
    public double InitialLevel { get; private set; }

    /// <summary>Initial trend b(0) from the heuristic.</summary>
    public double InitialTrend { get; private set; }

    /// <summary>Initial seasonal states s(1−m)..s(0), in the order they apply to y(0)..y(m−1).</summary>
    public IReadOnlyList<double> InitialSeasonals { get; private set; } = [];

    /// <inheritdoc />
    public string Name => $"HoltWinters({Season})";

    /// <inheritdoc />
    public bool IsFitted { get; private set; }

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<double> history)
    {
        ForecastInput.RequireHistory(history, 2 * Season, Name, "two full seasons for the initial states");
        var y = history.ToArray();
        var m = Season;
        var level0 = 0.0;
        var trend0 = 0.0;
        for (var i = 0; i < m; i++)
        {
            level0 += y[i];
            trend0 += (y[m + i] - y[i]) / m;
        }

        level0 /= m;
        trend0 /= m;
        var seasonals0 = new double[m];
        for (var i = 0; i < m; i++)
        {
            seasonals0[i] = y[i] - level0;
        }

        InitialLevel = level0;
        InitialTrend = trend0;
        InitialSeasonals = seasonals0;

        var state = new SmoothingState(m);
        double SumOfSquares(Vector<double> u) => state.Run(y, level0, trend0, seasonals0, Weights(u));

        var start = GridStart(SumOfSquares);
        var lower = Vector<double>.Build.Dense(3, 0.0);
        var upper = Vector<double>.Build.Dense(3, 1.0);
        var best = start;
        try
        {
            var objective = new ForwardDifferenceGradientObjectiveFunction(ObjectiveFunction.Value(SumOfSquares), lower, upper, 1e-6, 1e-9);
            var result = new BfgsBMinimizer(1e-4, 1e-7, 1e-10, 200).FindMinimum(objective, lower, upper, start);
            if (SumOfSquares(result.MinimizingPoint) <= SumOfSquares(start))
            {
                best = result.MinimizingPoint;
            }
        }
        catch (OptimizationException)
        {
            // A failed line search leaves the grid point, which is still a valid (coarser) fit.
        }

        (Alpha, Beta, Gamma) = Weights(best);
        Sse = state.Run(y, level0, trend0, seasonals0, (Alpha, Beta, Gamma));
        _level = state.Level;
        _trend = state.Trend;
        _seasonals.Reset(state.LastSeason);
        IsFitted = true;
    }

    /// <inheritdoc />
    public double[] Forecast(int horizon)
    {
        ForecastInput.RequireHorizon(horizon, IsFitted, Name);
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            result[h - 1] = _level + (h * _trend) + _seasonals[Season - ((h - 1) % Season)];
        }

        return result;
    }

    /// <inheritdoc />
    public void Update(double observation)
    {
        ForecastInput.RequireObservation(observation, IsFitted, Name);
        var seasonal = _seasonals[Season];
        var previous = _level + _trend;
        _level = (Alpha * (observation - seasonal)) + ((1 - Alpha) * previous);
        _trend = (Beta * (_level - (previous - _trend))) + ((1 - Beta) * _trend);
        _seasonals.Add((Gamma * (observation - previous)) + ((1 - Gamma) * seasonal));
    }

    /// <summary>Maps the unit cube onto the admissible region (α, β ≤ α, γ ≤ 1 − α).</summary>
    private static (double Alpha, double Beta, double Gamma) Weights(Vector<double> u)
    {
        var alpha = Edge + ((1 - (2 * Edge)) * Math.Clamp(u[0], 0, 1));
        return (alpha, alpha * Math.Clamp(u[1], 0, 1), (1 - alpha) * Math.Clamp(u[2], 0, 1));
    }

    private static Vector<double> GridStart(Func<Vector<double>, double> sse)
    {
        double[] grid = [0.05, 0.25, 0.5, 0.75, 0.95];
        var best = Vector<double>.Build.Dense(3, 0.5);
        var bestValue = double.PositiveInfinity;
        foreach (var a in grid)
        {
            foreach (var b in grid)
            {
                foreach (var g in grid)
                {
                    var point = Vector<double>.Build.DenseOfArray([a, b, g]);
                    var value = sse(point);
                    if (value < bestValue)
                    {
                        (best, bestValue) = (point, value);
                    }
                }
            }
        }

        return best;
    }

    /// <summary>Scratch state of one pass of the recursions over the history.</summary>
    private sealed class SmoothingState(int season)
    {
        public double Level { get; private set; }

        public double Trend { get; private set; }

        /// <summary>The last season of seasonal states, oldest first (s(n−m+1)..s(n)).</summary>
        public double[] LastSeason { get; } = new double[season];

        private readonly double[] _ring = new double[season];

        public double Run(double[] y, double level0, double trend0, double[] seasonals0, (double Alpha, double Beta, double Gamma) w)
        {
            Array.Copy(seasonals0, _ring, season);
            var level = level0;
            var trend = trend0;
            var sse = 0.0;
            for (var t = 0; t < y.Length; t++)
            {
                var slot = t % season;
                var seasonal = _ring[slot];
                var previous = level + trend;
                var error = y[t] - previous - seasonal;
                sse += error * error;
                var newLevel = (w.Alpha * (y[t] - seasonal)) + ((1 - w.Alpha) * previous);
                trend = (w.Beta * (newLevel - level)) + ((1 - w.Beta) * trend);
                level = newLevel;
                _ring[slot] = (w.Gamma * (y[t] - previous)) + ((1 - w.Gamma) * seasonal);
            }

            Level = level;
            Trend = trend;
            for (var i = 0; i < season; i++)
            {
                LastSeason[i] = _ring[(y.Length + i) % season];
            }

            return sse;
        }
    }
}
