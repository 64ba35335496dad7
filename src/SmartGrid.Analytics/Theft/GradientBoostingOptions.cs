namespace SmartGrid.Analytics.Theft;

/// <summary>Settings of <see cref="GradientBoostedTreesClassifier"/>; the defaults are what the evaluation uses.</summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Boosting rounds (trees).</summary>
    public int Rounds { get; init; } = 300;

    /// <summary>Depth of each tree (1 = stumps).</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>Shrinkage applied to every leaf value.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Histogram bins per feature (quantile edges of the training values), 2 to 255.</summary>
    public int Bins { get; init; } = 255;

    /// <summary>L2 penalty λ on leaf values (leaf = −G / (H + λ)).</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Smallest hessian sum a child may have.</summary>
    public double MinChildHessian { get; init; } = 1.0;

    /// <summary>Fraction of rows drawn (without replacement) for each tree.</summary>
    public double Subsample { get; init; } = 0.8;

    /// <summary>Seed of the row sampling.</summary>
    public int Seed { get; init; } = 1;
}
