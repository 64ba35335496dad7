namespace SmartGrid.Cli.EvalTheft;

/// <summary>One scored test household-day (or customer, in the SGCC layout).</summary>
/// <param name="HouseholdId">Household or customer id.</param>
/// <param name="Date">Local date; null for a customer.</param>
/// <param name="Label">Ground truth: stolen.</param>
/// <param name="AttackType">Attack label of a stolen day, when known.</param>
/// <param name="Score">Theft score in [0, 1].</param>
/// <param name="Alarm">Score at or above the threshold.</param>
/// <param name="Evidence">Names of the evidence that fired.</param>
public sealed record ScoredItem(string HouseholdId, DateOnly? Date, bool Label, string? AttackType, double Score, bool Alarm, IReadOnlyList<string> Evidence);
