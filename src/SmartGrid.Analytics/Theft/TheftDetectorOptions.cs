namespace SmartGrid.Analytics.Theft;

/// <summary>Settings of <see cref="HybridTheftDetector"/>.</summary>
public sealed record TheftDetectorOptions
{
    /// <summary>Makes a fresh classifier (one per fold and one for the final fit). Gradient-boosted trees by default.</summary>
    public Func<ITheftClassifier> ClassifierFactory { get; init; } = () => new GradientBoostedTreesClassifier();

    /// <summary>Folds, by household, for the out-of-fold scores the combiner and the threshold are fitted on (≥ 2).</summary>
    public int Folds { get; init; } = 3;

    /// <summary>The alarm threshold is the score quantile that gives this false-positive rate on the training households' out-of-fold scores.</summary>
    public double TargetFalsePositiveRate { get; init; } = 0.02;

    /// <summary>Seed of the fold assignment.</summary>
    public int Seed { get; init; } = 1;
}
