using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Analytics.Learning;

/// <summary>
/// Chooses, per household, the forecaster that has been forecasting it best, from realised error
/// with bandit feedback: each round only the chosen candidate is fitted and scored, so a fleet
/// does not pay for every model on every household. The policy is <see cref="DiscountedUcb"/>;
/// the reward of a round is <c>1 − min(1, Σ|y − ŷ| / Σ|y|)</c>, one minus the normalised absolute
/// error (WAPE) of the forecast over the round's intervals, which, unlike a percentage error per
/// interval, stays bounded when a household uses nothing for an hour.
/// </summary>
public sealed class ForecasterSelector
{
    private readonly Func<IForecaster>[] _candidates;
    private readonly string[] _names;

    /// <summary>Creates a selector over <paramref name="candidates"/> (factories of fresh forecasters).</summary>
    /// <param name="candidates">At least one factory; each call returns an unfitted forecaster.</param>
    /// <param name="discount">γ of the discounted UCB (1 = UCB1).</param>
    /// <param name="exploration">Exploration weight c of the UCB index.</param>
    /// <exception cref="AnalyticsInputException">There is no candidate, or the policy arguments are out of range.</exception>
    public ForecasterSelector(IReadOnlyList<Func<IForecaster>> candidates, double discount = 0.99, double exploration = 0.2)
    {
        if (candidates.Count == 0)
        {
            throw new AnalyticsInputException("at least one candidate forecaster is needed.", nameof(candidates));
        }

        _candidates = [.. candidates];
        _names = [.. candidates.Select(create => create().Name)];
        Policy = new DiscountedUcb(candidates.Count, discount, exploration);
    }

    /// <summary>The bandit underneath (its estimates per candidate).</summary>
    public DiscountedUcb Policy { get; }

    /// <summary>Names of the candidates, by arm.</summary>
    public IReadOnlyList<string> Candidates => _names;

    /// <summary>The candidate currently believed best.</summary>
    public string Best => _names[Policy.BestArm];

    /// <summary>
    /// Plays one round: chooses a candidate, fits it on <paramref name="history"/>, forecasts
    /// <paramref name="actual"/>.Length intervals, scores the forecast against
    /// <paramref name="actual"/> and records the reward.
    /// </summary>
    /// <exception cref="AnalyticsInputException">The history does not suit the chosen model, or actual is empty or not finite.</exception>
    public ForecastRound Step(ReadOnlySpan<double> history, ReadOnlySpan<double> actual)
    {
        var arm = Policy.Select();
        var forecaster = _candidates[arm]();
        forecaster.Fit(history);
        var reward = Reward(forecaster.Forecast(actual.Length), actual);
        Policy.Record(arm, reward);
        return new ForecastRound(arm, _names[arm], 1 - reward, reward);
    }

    /// <summary>
    /// <c>1 − min(1, Σ|actual − forecast| / Σ|actual|)</c>; 1 for a perfect forecast, 0 for one
    /// whose absolute error is at least the energy used (or any error when nothing was used).
    /// </summary>
    /// <exception cref="AnalyticsInputException">The spans differ in length, are empty, or hold a value that is not finite.</exception>
    public static double Reward(ReadOnlySpan<double> forecast, ReadOnlySpan<double> actual)
    {
        if (actual.Length == 0 || forecast.Length != actual.Length)
        {
            throw new AnalyticsInputException(
                $"forecast and actual must be equally long and not empty; got {forecast.Length} and {actual.Length}.", nameof(actual));
        }

        var error = 0.0;
        var scale = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!double.IsFinite(actual[i]) || !double.IsFinite(forecast[i]))
            {
                throw new AnalyticsInputException($"value {i} is not finite (actual {actual[i]}, forecast {forecast[i]}).", nameof(actual));
            }

            error += Math.Abs(actual[i] - forecast[i]);
            scale += Math.Abs(actual[i]);
        }

        if (scale == 0)
        {
            return error == 0 ? 1 : 0;
        }

        return 1 - Math.Min(1, error / scale);
    }
}
