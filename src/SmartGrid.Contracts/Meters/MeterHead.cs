using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Meters;

/// <summary>The head of a meter's chain: what its next block must link to.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.meter-head")]
public sealed record MeterHead
{
    /// <summary>Number of blocks on the chain; the next block's sequence number.</summary>
    [Id(0)]
    public required long Height { get; init; }

    /// <summary>Hash of the last block; all zero for an empty chain.</summary>
    [Id(1)]
    public required Hash256 Hash { get; init; }

    /// <summary>When the last block was sealed, or null for an empty chain.</summary>
    [Id(2)]
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>End of the last reading on the chain, or null for an empty chain.</summary>
    [Id(3)]
    public DateTimeOffset? LastReadingEnd { get; init; }
}
