using SmartGrid.Contracts.Analytics;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Tiers;

/// <summary>A meter's new head, pushed to its concentrator after an upload was appended.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.tiers.meter-head-notice")]
public sealed record MeterHeadNotice
{
    /// <summary>The meter chain's head after the upload.</summary>
    [Id(0)]
    public required Anchor Head { get; init; }

    /// <summary>Timestamp of the oldest block the upload appended.</summary>
    [Id(1)]
    public required DateTimeOffset OldestNewBlock { get; init; }

    /// <summary>How many blocks the upload appended.</summary>
    [Id(2)]
    public required int NewBlocks { get; init; }

    /// <summary>Timestamp of the head block.</summary>
    [Id(3)]
    public required DateTimeOffset HeadTimestamp { get; init; }

    /// <summary>
    /// The appended blocks' readings as the area analytics needs them, when it runs (null when
    /// it is switched off or the notice appends nothing).
    /// </summary>
    [Id(4)]
    public AreaSamples? Samples { get; init; }
}
