namespace SmartGrid.Grains.Analytics;

/// <summary>
/// The installed detector of a theft screening grain, in its saved form (<c>TheftModelFormat</c>,
/// about 150 KB for the default 300 trees): one model, replaced whole by the next install.
/// </summary>
[GenerateSerializer]
[Alias("smartgrid.analytics.TheftScreeningGrainState")]
public sealed class TheftScreeningGrainState
{
    /// <summary>The model's bytes; null until one is installed.</summary>
    [Id(0)]
    public byte[]? Model { get; set; }

    /// <summary>When it was installed (ledger time).</summary>
    [Id(1)]
    public DateTimeOffset? InstalledAt { get; set; }
}
