namespace SmartGrid.Cli.EvalTheft;

/// <summary>The households to evaluate on, all with days of the same interval.</summary>
/// <param name="Description">What was read (for the report).</param>
/// <param name="Interval">Length of one reading (a day in the SGCC layout).</param>
/// <param name="Households">The households.</param>
/// <param name="PerCustomer">True for the SGCC layout: labels are per customer and scoring is per customer.</param>
public sealed record TheftDataSet(string Description, TimeSpan Interval, IReadOnlyList<LabelledHousehold> Households, bool PerCustomer)
{
    /// <summary>Readings per scored period: per day, or 7 (a week of daily readings) in the SGCC layout.</summary>
    public int IntervalsPerDay => Households.Count == 0 || Households[0].Readings.Length == 0 ? 0 : Households[0].Readings[0].Length;

    /// <summary>Whether any day carries a label (given or injected).</summary>
    public bool HasPositives => Households.Any(h => h.Labels.Any(l => l));
}
