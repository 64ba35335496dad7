namespace SmartGrid.Grains.Tiers;

/// <summary>
/// The small, rarely written state of an anchoring node. Its chain lives in the ledger store and
/// its certificates in the PKI store; pending child heads live in memory until the next block.
/// </summary>
/// <remarks>
/// The signing key is kept here, in the silo's grain storage: the grain is the node. A deployment
/// that keeps node keys in a hardware module replaces this field with a key reference.
/// </remarks>
[GenerateSerializer]
[Alias("smartgrid.tiers.AnchorNodeState")]
public sealed class AnchorNodeState
{
    /// <summary>The node's Ed25519 private key (32 bytes), or null before provisioning.</summary>
    [Id(0)]
    public byte[]? PrivateKey { get; set; }

    /// <summary>Serial of the certificate the key belongs to.</summary>
    [Id(1)]
    public ulong KeySerial { get; set; }

    /// <summary>The node of the tier above.</summary>
    [Id(2)]
    public string? Parent { get; set; }

    /// <summary>Children of the tier below, in ordinal order.</summary>
    [Id(3)]
    public List<string> Children { get; set; } = [];

    /// <summary>Anchors sealed so far.</summary>
    [Id(4)]
    public long AnchorsSealed { get; set; }

    /// <summary>Latest child block time already anchored (concentrators: meter time).</summary>
    [Id(5)]
    public DateTimeOffset? AnchoredUpTo { get; set; }

    /// <summary>Uploads that brought blocks older than <see cref="AnchoredUpTo"/>, or stamped at or before <see cref="ClosedUpTo"/>.</summary>
    [Id(6)]
    public long LateDeliveries { get; set; }

    /// <summary>Blocks those late uploads carried.</summary>
    [Id(7)]
    public long LateBlocks { get; set; }

    /// <summary>Child heads refused, by reason.</summary>
    [Id(8)]
    public Dictionary<string, long> Refused { get; set; } = [];

    /// <summary>
    /// End of the latest feeder interval sealed (concentrators): that interval is closed, so a
    /// meter block stamped at or before it arrives after its interval's block was sealed.
    /// </summary>
    [Id(9)]
    public DateTimeOffset? ClosedUpTo { get; set; }

    /// <summary>
    /// The validator set committing this node's chain (record 0x25), or null while the node seals
    /// alone. Also stored in the ledger store with the deployment (<c>StoredValidatorSets</c>).
    /// </summary>
    [Id(10)]
    public byte[]? ValidatorSet { get; set; }

    /// <summary>
    /// A set handed over to replace <see cref="ValidatorSet"/> (canonical encoding): it takes over
    /// at the first seal with no block in flight, when it is stored as the chain's next epoch.
    /// </summary>
    [Id(11)]
    public byte[]? PendingValidatorSet { get; set; }
}
