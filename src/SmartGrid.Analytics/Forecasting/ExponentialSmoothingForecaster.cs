using MathNet.Numerics.Optimization;

namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Simple exponential smoothing (EWMA of the level): <c>ℓ(t) = α·y(t) + (1 − α)·ℓ(t−1)</c>, with
/// ℓ(0) = y(0); every forecast is the last level. α is either given, or fitted by minimising the
/// sum of squared one-step errors <c>Σ (y(t) − ℓ(t−1))²</c> over α in [0.0001, 0.9999] with
/// MathNet's golden-section search. <see cref="Update"/> applies the recursion with the fitted α.
/// </summary>
public sealed class ExponentialSmoothingForecaster : IForecaster
{
    private const double MinAlpha = 1e-4;
    private const double MaxAlpha = 1 - 1e-4;
    private readonly double? _fixedAlpha;
    private double _level;

    /// <summary>Creates the forecaster; <paramref name="alpha"/> null means "fit it".</summary>
    /// <exception cref="AnalyticsInputException"><paramref name="alpha"/> is outside (0, 1].</exception>
    public ExponentialSmoothingForecaster(double? alpha = null)
    {
        if (alpha is { } a && !(a > 0 && a <= 1))
        {
            throw new AnalyticsInputException($"alpha must be in (0, 1]; got {a}.", nameof(alpha));
        }

        _fixedAlpha = alpha;
        Alpha = alpha ?? double.NaN;
    }

    /// <summary>The smoothing weight in use (NaN until fitted when it is estimated).</summary>
    public double Alpha { get; private set; }

    /// <summary>The current level, which is also every forecast.</summary>
    public double Level => _level;

    /// <inheritdoc />
    public string Name => _fixedAlpha is { } a ? $"EWMA({a:0.###})" : "EWMA";

    /// <inheritdoc />
    public bool IsFitted { get; private set; }

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<double> history)
    {
        ForecastInput.RequireHistory(history, 2, Name, "a start value and one error");
        if (_fixedAlpha is null)
        {
            var data = history.ToArray();
            var objective = ObjectiveFunction.ScalarValue(a => Smooth(data, a, out _));
            // MathNet widens the bracket when the minimum lies at a bound (white noise wants alpha
            // towards 0): a constant outside (0, 1] would make the recursion diverge.
            Alpha = Math.Clamp(GoldenSectionMinimizer.Minimum(objective, MinAlpha, MaxAlpha, 1e-8, 200).MinimizingPoint, MinAlpha, MaxAlpha);
        }

        Smooth(history, Alpha, out _level);
        IsFitted = true;
    }

    /// <inheritdoc />
    public double[] Forecast(int horizon)
    {
        ForecastInput.RequireHorizon(horizon, IsFitted, Name);
        var result = new double[horizon];
        Array.Fill(result, _level);
        return result;
    }

    /// <inheritdoc />
    public void Update(double observation)
    {
        ForecastInput.RequireObservation(observation, IsFitted, Name);
        _level += Alpha * (observation - _level);
    }

    /// <summary>Runs the recursion over <paramref name="y"/>; returns the SSE of the one-step errors.</summary>
    private static double Smooth(ReadOnlySpan<double> y, double alpha, out double level)
    {
        level = y[0];
        var sse = 0.0;
        for (var t = 1; t < y.Length; t++)
        {
            var error = y[t] - level;
            sse += error * error;
            level += alpha * error;
        }

        return sse;
    }
}
