namespace SmartGrid.Analytics.Theft;

/// <summary>Checks shared by the classifiers' Fit methods.</summary>
internal static class TrainingData
{
    public static int Validate(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count == 0 || features.Count != labels.Count)
        {
            throw new AnalyticsInputException($"{features.Count} rows and {labels.Count} labels: need at least one row and one label per row", nameof(features));
        }

        var width = features[0].Length;
        if (width == 0 || features.Any(row => row.Length != width || row.Any(v => !double.IsFinite(v))))
        {
            throw new AnalyticsInputException("every row must hold the same number (at least 1) of finite values", nameof(features));
        }

        var positives = labels.Count(l => l);
        if (positives == 0 || positives == labels.Count)
        {
            throw new AnalyticsInputException("training needs both stolen and normal rows", nameof(labels));
        }

        return width;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
