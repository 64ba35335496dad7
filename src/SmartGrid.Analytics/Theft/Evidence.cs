namespace SmartGrid.Analytics.Theft;

/// <summary>One piece of evidence about a household-day: a statistic, the threshold it is judged by, and what it means.</summary>
/// <param name="Name">Short name (<c>level_drop</c>, <c>cusum</c>, <c>energy_balance</c>, <c>classifier</c>, ...).</param>
/// <param name="Statistic">The value of the statistic (oriented so that larger is more suspicious).</param>
/// <param name="Threshold">The evidence fires when <paramref name="Statistic"/> ≥ this.</param>
/// <param name="Description">What the statistic measures, in a sentence.</param>
public sealed record Evidence(string Name, double Statistic, double Threshold, string Description)
{
    /// <summary>Whether the statistic reached its threshold.</summary>
    public bool Fired => Statistic >= Threshold;
}
