namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Seasonal naive: the forecast for an interval is the value observed one season earlier
/// (<c>ŷ(n+h) = y(n+h−m·⌈h/m⌉)</c>), e.g. m = 96 quarter-hours for "same time yesterday" or 672
/// for "same time last week". Nothing is estimated; <see cref="Update"/> is exact.
/// </summary>
public sealed class SeasonalNaiveForecaster : IForecaster
{
    private readonly RecentValues _lastSeason;

    /// <summary>Creates the forecaster for a season of <paramref name="season"/> intervals.</summary>
    /// <exception cref="AnalyticsInputException"><paramref name="season"/> is less than 2.</exception>
    public SeasonalNaiveForecaster(int season)
    {
        ForecastInput.RequireSeason(season, nameof(season));
        Season = season;
        _lastSeason = new RecentValues(season);
    }

    /// <summary>Intervals per season.</summary>
    public int Season { get; }

    /// <inheritdoc />
    public string Name => $"SeasonalNaive({Season})";

    /// <inheritdoc />
    public bool IsFitted { get; private set; }

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<double> history)
    {
        ForecastInput.RequireHistory(history, Season, Name, "one full season");
        _lastSeason.Reset(history);
        IsFitted = true;
    }

    /// <inheritdoc />
    public double[] Forecast(int horizon)
    {
        ForecastInput.RequireHorizon(horizon, IsFitted, Name);
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            result[h - 1] = _lastSeason[Season - ((h - 1) % Season)];
        }

        return result;
    }

    /// <inheritdoc />
    public void Update(double observation)
    {
        ForecastInput.RequireObservation(observation, IsFitted, Name);
        _lastSeason.Add(observation);
    }
}
