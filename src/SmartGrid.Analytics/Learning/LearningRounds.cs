using SmartGrid.Analytics.Forecasting;

namespace SmartGrid.Analytics.Learning;

/// <summary>
/// Plays the learning policies round by round on given data and records what each round earned,
/// next to what every fixed choice would have earned on the same round: the improvement over rounds
/// (issue 6, A3) as numbers, for a plot or a test. Deterministic for given inputs and seed.
/// </summary>
public static class LearningRounds
{
    /// <summary>
    /// Forecaster selection: each household gets its own <see cref="ForecasterSelector"/>; round r
    /// forecasts the <paramref name="horizon"/> values after position <c>history + r·horizon</c> of the
    /// household's series from the <paramref name="history"/> values before it, and scores it. Every
    /// candidate is also fitted on every round (full information, for the comparison only: the
    /// selector learns only from its own choice).
    /// </summary>
    /// <param name="series">One series per household, all at least <c>history + horizon</c> long.</param>
    /// <param name="candidates">Factories of the candidate forecasters.</param>
    /// <param name="history">Values each fit sees (e.g. 7 days of hours, 168).</param>
    /// <param name="horizon">Values forecast per round (e.g. a day of hours, 24).</param>
    /// <param name="discount">γ of the selectors' discounted UCB.</param>
    /// <param name="exploration">Exploration weight of their UCB index.</param>
    /// <exception cref="AnalyticsInputException">No household, no candidate, a series too short for one round, or a bad length.</exception>
    public static ForecastLearningCurve Forecasters(IReadOnlyList<double[]> series, IReadOnlyList<Func<IForecaster>> candidates, int history, int horizon, double discount = 0.99, double exploration = 0.2)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(candidates);
        if (series.Count == 0 || candidates.Count == 0 || history < 1 || horizon < 1)
        {
            throw new AnalyticsInputException("need households, candidates, and positive history and horizon", nameof(series));
        }

        var rounds = (series.Min(s => s.Length) - history) / horizon;
        if (rounds < 1)
        {
            throw new AnalyticsInputException($"the shortest series has {series.Min(s => s.Length)} values: too few for one round of {history} + {horizon}", nameof(series));
        }

        var selected = new double[series.Count, rounds];
        var fixedErrors = new double[series.Count, rounds, candidates.Count];
        Parallel.For(0, series.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, h =>
        {
            var selector = new ForecasterSelector(candidates, discount, exploration);
            for (var r = 0; r < rounds; r++)
            {
                var past = series[h].AsSpan(r * horizon, history);
                var actual = series[h].AsSpan(history + (r * horizon), horizon);
                selected[h, r] = selector.Step(past, actual).Error;
                for (var c = 0; c < candidates.Count; c++)
                {
                    var model = candidates[c]();
                    model.Fit(past);
                    fixedErrors[h, r, c] = 1 - ForecasterSelector.Reward(model.Forecast(horizon), actual);
                }
            }
        });

        var best = Enumerable.Range(0, series.Count)
            .Select(h => Enumerable.Range(0, candidates.Count).MinBy(c => Enumerable.Range(0, rounds).Sum(r => fixedErrors[h, r, c])))
            .ToArray();
        var names = candidates.Select(create => create().Name).ToArray();
        return new ForecastLearningCurve(
            names,
            [.. Enumerable.Range(0, rounds).Select(r => Enumerable.Range(0, series.Count).Average(h => selected[h, r]))],
            [.. Enumerable.Range(0, rounds).Select(r => Enumerable.Range(0, candidates.Count).Select(c => Enumerable.Range(0, series.Count).Average(h => fixedErrors[h, r, c])).ToArray())],
            [.. Enumerable.Range(0, rounds).Select(r => Enumerable.Range(0, series.Count).Average(h => fixedErrors[h, r, best[h]]))]);
    }

    /// <summary>
    /// Alarm thresholds: each round is a set of scored households with the inspection outcome each
    /// would have (theft or not, value recovered); <see cref="AlarmThresholdPolicy"/> picks a threshold,
    /// learns from the inspections at or above it, and the round's net value per household is recorded
    /// for it and for every threshold of the grid.
    /// </summary>
    /// <param name="rounds">Per round, every scored household as the inspection it would be.</param>
    /// <param name="grid">Thresholds, strictly ascending.</param>
    /// <param name="inspectionCost">Cost of one inspection.</param>
    /// <param name="seed">Seed of the policy's draws.</param>
    /// <exception cref="AnalyticsInputException">A round is empty, or the grid or cost is invalid.</exception>
    public static ThresholdLearningCurve Thresholds(IReadOnlyList<IReadOnlyList<Inspection>> rounds, IReadOnlyList<double> grid, double inspectionCost, int seed)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var policy = new AlarmThresholdPolicy(grid, inspectionCost, seed);
        var adaptive = new double[rounds.Count];
        var chosen = new double[rounds.Count];
        var fixedValues = new double[rounds.Count][];
        for (var r = 0; r < rounds.Count; r++)
        {
            var round = rounds[r];
            if (round.Count == 0)
            {
                throw new AnalyticsInputException($"round {r} has no household", nameof(rounds));
            }

            var arm = policy.ChooseArm();
            chosen[r] = grid[arm];
            adaptive[r] = policy.Learn(arm, [.. round.Where(i => i.Score >= grid[arm])], round.Count);
            fixedValues[r] = [.. grid.Select(t => AlarmThresholdPolicy.NetReward(t, round, inspectionCost) / round.Count)];
        }

        return new ThresholdLearningCurve(grid, adaptive, chosen, fixedValues);
    }
}
