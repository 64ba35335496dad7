namespace SmartGrid.Analytics.Learning;

/// <summary>One round of <see cref="ForecasterSelector"/>: which candidate forecast, how well, what it earned.</summary>
/// <param name="Arm">Index of the candidate chosen.</param>
/// <param name="Forecaster">Its name.</param>
/// <param name="Error">Normalised absolute error of its forecast (see <see cref="ForecasterSelector.Reward"/>).</param>
/// <param name="Reward">1 − error, clipped to [0, 1].</param>
public sealed record ForecastRound(int Arm, string Forecaster, double Error, double Reward);
