namespace SmartGrid.Analytics.Theft;

/// <summary>
/// A binary classifier of household-day feature vectors (stolen or not), so that models can be
/// swapped behind the hybrid detector. Fitting replaces any previous fit; the same data and seed
/// give the same model.
/// </summary>
public interface ITheftClassifier
{
    /// <summary>Short name for reports.</summary>
    string Name { get; }

    /// <summary>Fits the model to <paramref name="features"/> (rows of equal length) and their labels (true = theft).</summary>
    /// <exception cref="AnalyticsInputException">No rows, rows of different lengths, or only one class.</exception>
    void Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels);

    /// <summary>The fitted probability of theft for one row.</summary>
    /// <exception cref="InvalidOperationException">Not fitted yet.</exception>
    double Probability(ReadOnlySpan<double> features);
}
