namespace SmartGrid.Analytics.Learning;

/// <summary>
/// Per-round forecast errors of <see cref="LearningRounds.Forecasters"/>, each the mean over the
/// households of the round's normalised absolute error (1 − <see cref="ForecasterSelector.Reward"/>).
/// </summary>
/// <param name="Candidates">Names of the candidate forecasters.</param>
/// <param name="Selected">Error of the forecaster each household's selector chose, per round.</param>
/// <param name="Fixed">Error of every candidate used throughout, per round then candidate.</param>
/// <param name="BestFixed">Error of each household's best candidate in hindsight (lowest mean error over all rounds), per round.</param>
public sealed record ForecastLearningCurve(IReadOnlyList<string> Candidates, IReadOnlyList<double> Selected, IReadOnlyList<double[]> Fixed, IReadOnlyList<double> BestFixed)
{
    /// <summary>Number of rounds.</summary>
    public int Rounds => Selected.Count;
}
