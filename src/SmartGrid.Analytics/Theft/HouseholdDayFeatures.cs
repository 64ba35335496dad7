namespace SmartGrid.Analytics.Theft;

/// <summary>The features of one household-day (indexed by <see cref="TheftFeature"/>).</summary>
/// <param name="HouseholdId">Household id.</param>
/// <param name="Date">Local date.</param>
/// <param name="Values">Feature values, finite, in <see cref="TheftFeature"/> order.</param>
public sealed record HouseholdDayFeatures(string HouseholdId, DateOnly Date, double[] Values)
{
    /// <summary>The value of <paramref name="feature"/>.</summary>
    public double this[TheftFeature feature] => Values[(int)feature];
}
