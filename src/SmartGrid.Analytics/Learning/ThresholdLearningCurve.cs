namespace SmartGrid.Analytics.Learning;

/// <summary>Per-round net value per household (recovered value minus inspection cost) of <see cref="LearningRounds.Thresholds"/>.</summary>
/// <param name="Grid">The thresholds.</param>
/// <param name="Adaptive">Net value of the threshold <see cref="AlarmThresholdPolicy"/> chose, per round.</param>
/// <param name="Chosen">The threshold it chose, per round.</param>
/// <param name="Fixed">Net value of every threshold of the grid used throughout, per round then threshold.</param>
public sealed record ThresholdLearningCurve(IReadOnlyList<double> Grid, IReadOnlyList<double> Adaptive, IReadOnlyList<double> Chosen, IReadOnlyList<double[]> Fixed)
{
    /// <summary>Number of rounds.</summary>
    public int Rounds => Adaptive.Count;

    /// <summary>Index in <see cref="Grid"/> of the fixed threshold with the most net value over all rounds (the best in hindsight; lowest on ties).</summary>
    public int BestFixed => Enumerable.Range(0, Grid.Count).MaxBy(k => Fixed.Sum(f => f[k]));
}
