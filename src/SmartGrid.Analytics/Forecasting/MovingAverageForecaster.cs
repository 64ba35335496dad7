namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Moving average: every forecast is the mean of the last <see cref="Window"/> observations.
/// Nothing is estimated; <see cref="Update"/> slides the window exactly.
/// </summary>
public sealed class MovingAverageForecaster : IForecaster
{
    private readonly RecentValues _recent;
    private double _sum;

    /// <summary>Creates a moving average over <paramref name="window"/> intervals.</summary>
    /// <exception cref="AnalyticsInputException"><paramref name="window"/> is less than 1.</exception>
    public MovingAverageForecaster(int window)
    {
        if (window < 1)
        {
            throw new AnalyticsInputException($"window must be at least 1 interval; got {window}.", nameof(window));
        }

        Window = window;
        _recent = new RecentValues(window);
    }

    /// <summary>Number of intervals averaged.</summary>
    public int Window { get; }

    /// <inheritdoc />
    public string Name => $"MA({Window})";

    /// <inheritdoc />
    public bool IsFitted { get; private set; }

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<double> history)
    {
        ForecastInput.RequireHistory(history, Window, Name, "one full window");
        _recent.Reset(history);
        _sum = 0;
        for (var lag = 1; lag <= Window; lag++)
        {
            _sum += _recent[lag];
        }

        IsFitted = true;
    }

    /// <inheritdoc />
    public double[] Forecast(int horizon)
    {
        ForecastInput.RequireHorizon(horizon, IsFitted, Name);
        var result = new double[horizon];
        Array.Fill(result, _sum / Window);
        return result;
    }

    /// <inheritdoc />
    public void Update(double observation)
    {
        ForecastInput.RequireObservation(observation, IsFitted, Name);
        _sum += observation - _recent[Window];
        _recent.Add(observation);
    }
}
