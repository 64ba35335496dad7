using System.Collections.Immutable;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Tiers;

/// <summary>An anchoring node's state as an operator sees it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.tiers.anchor-node-status")]
public sealed record AnchorNodeStatus
{
    /// <summary>The node's tier.</summary>
    [Id(0)]
    public required DeviceRole Role { get; init; }

    /// <summary>Whether the node holds a certificate and key.</summary>
    [Id(1)]
    public required bool Provisioned { get; init; }

    /// <summary>Blocks in its chain.</summary>
    [Id(2)]
    public required long Height { get; init; }

    /// <summary>Hash of its last block.</summary>
    [Id(3)]
    public required Hash256 Head { get; init; }

    /// <summary>Child heads waiting for the next block.</summary>
    [Id(4)]
    public int Pending { get; init; }

    /// <summary>Its children, in id order.</summary>
    [Id(5)]
    public ImmutableArray<DeviceId> Children { get; init; } = [];

    /// <summary>The node it reports to.</summary>
    [Id(6)]
    public DeviceId? Parent { get; init; }

    /// <summary>Anchors sealed so far.</summary>
    [Id(7)]
    public long AnchorsSealed { get; init; }

    /// <summary>Uploads that arrived with blocks older than data this node had already anchored (store-and-forward after an outage).</summary>
    [Id(8)]
    public long LateDeliveries { get; init; }

    /// <summary>Blocks those late uploads carried.</summary>
    [Id(9)]
    public long LateBlocks { get; init; }

    /// <summary>Child heads refused (bad role, signature, or going backwards), by reason.</summary>
    [Id(10)]
    public ImmutableDictionary<string, long> Refused { get; init; } = ImmutableDictionary<string, long>.Empty;
}
