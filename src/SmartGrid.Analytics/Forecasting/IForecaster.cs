namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// A univariate forecaster of a regularly sampled series (one value per interval, e.g. kWh per
/// quarter-hour). <see cref="Fit"/> estimates the model from a history and leaves it positioned
/// at the history's last value; <see cref="Update"/> then moves it forward by one observed
/// interval without re-estimating parameters, and <see cref="Forecast"/> predicts the next
/// intervals from wherever it stands.
/// </summary>
/// <remarks>
/// Every forecaster in this namespace supports the online <see cref="Update"/>: moving average,
/// simple exponential smoothing, seasonal naive and Holt-Winters update their state exactly as a
/// refit with the same parameters would; ARIMA updates its differencing, AR and residual state
/// with the fitted coefficients (a refit would also move the coefficients). Inputs that cannot be
/// used (not finite, too short for the model, calls before <see cref="Fit"/>) raise
/// <see cref="AnalyticsInputException"/>.
/// </remarks>
public interface IForecaster
{
    /// <summary>Short, stable name of the model and its settings, e.g. <c>ARIMA(2,0,0)</c>.</summary>
    string Name { get; }

    /// <summary>True once <see cref="Fit"/> has succeeded.</summary>
    bool IsFitted { get; }

    /// <summary>Estimates the model from <paramref name="history"/> (oldest first).</summary>
    /// <exception cref="AnalyticsInputException">The history is too short for the model or holds a value that is not finite.</exception>
    void Fit(ReadOnlySpan<double> history);

    /// <summary>Forecasts of the next <paramref name="horizon"/> intervals, nearest first.</summary>
    /// <exception cref="AnalyticsInputException">The horizon is not positive or the model is not fitted.</exception>
    double[] Forecast(int horizon);

    /// <summary>Moves the model forward by one observed interval, keeping its parameters.</summary>
    /// <exception cref="AnalyticsInputException">The observation is not finite or the model is not fitted.</exception>
    void Update(double observation);
}
