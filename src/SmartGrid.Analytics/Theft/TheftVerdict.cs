namespace SmartGrid.Analytics.Theft;

/// <summary>The hybrid verdict on one household-day.</summary>
/// <param name="HouseholdId">Household id.</param>
/// <param name="Date">Local date.</param>
/// <param name="Score">Combined theft score in [0, 1].</param>
/// <param name="Alarm">Whether <paramref name="Score"/> reached the detector's threshold.</param>
/// <param name="Evidence">Every piece of evidence considered, the classifier's included; see <see cref="Fired"/>.</param>
public sealed record TheftVerdict(string HouseholdId, DateOnly Date, double Score, bool Alarm, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>The evidence that fired: the explanation of the score.</summary>
    public IEnumerable<Evidence> Fired => Evidence.Where(e => e.Fired);
}
