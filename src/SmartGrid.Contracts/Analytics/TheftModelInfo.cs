namespace SmartGrid.Contracts.Analytics;

/// <summary>The detector a screening grain holds, or why a model was refused.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.theft-model-info")]
public sealed record TheftModelInfo
{
    /// <summary>Whether a detector is installed (after an install: whether this one was).</summary>
    [Id(0)]
    public required bool Installed { get; init; }

    /// <summary>Why the model was refused, naming what was wrong; null when it was taken.</summary>
    [Id(1)]
    public string? Error { get; init; }

    /// <summary>SHA-256 of the model's bytes, lower-case hex: which model judged.</summary>
    [Id(2)]
    public string? ModelHash { get; init; }

    /// <summary>Readings per day the detector scores.</summary>
    [Id(3)]
    public int IntervalsPerDay { get; init; }

    /// <summary>The alarm threshold on the combined score.</summary>
    [Id(4)]
    public double Threshold { get; init; }

    /// <summary>The classifier's name (<c>gradient-boosted-trees</c>, <c>logistic</c>).</summary>
    [Id(5)]
    public string? Classifier { get; init; }

    /// <summary>When it was installed (ledger time).</summary>
    [Id(6)]
    public DateTimeOffset? InstalledAt { get; init; }
}
