namespace SmartGrid.Analytics.Forecasting;

/// <summary>The argument checks every forecaster makes, with messages that name the problem.</summary>
internal static class ForecastInput
{
    /// <summary>Checks that the history is long enough and holds only finite values.</summary>
    public static void RequireHistory(ReadOnlySpan<double> history, int minimum, string model, string reason)
    {
        if (history.Length < minimum)
        {
            throw new AnalyticsInputException(
                $"{model} needs a history of at least {minimum} values ({reason}); got {history.Length}.", nameof(history));
        }

        for (var i = 0; i < history.Length; i++)
        {
            if (!double.IsFinite(history[i]))
            {
                throw new AnalyticsInputException($"history[{i}] is {history[i]}: every value must be finite.", nameof(history));
            }
        }
    }

    /// <summary>Checks that an online observation is finite and the model has been fitted.</summary>
    public static void RequireObservation(double observation, bool fitted, string model)
    {
        RequireFitted(fitted, model);
        if (!double.IsFinite(observation))
        {
            throw new AnalyticsInputException($"observation is {observation}: it must be finite.", nameof(observation));
        }
    }

    /// <summary>Checks a forecast request.</summary>
    public static void RequireHorizon(int horizon, bool fitted, string model)
    {
        RequireFitted(fitted, model);
        if (horizon < 1)
        {
            throw new AnalyticsInputException($"horizon must be at least 1; got {horizon}.", nameof(horizon));
        }
    }

    /// <summary>Checks that a seasonal period can be used.</summary>
    public static void RequireSeason(int season, string parameterName)
    {
        if (season < 2)
        {
            throw new AnalyticsInputException($"{parameterName} must be at least 2 intervals; got {season}.", parameterName);
        }
    }

    private static void RequireFitted(bool fitted, string model)
    {
        if (!fitted)
        {
            throw new AnalyticsInputException($"{model} has not been fitted: call Fit with a history first.");
        }
    }
}
