using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Tiers;

/// <summary>What sealing an anchor block did.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.tiers.seal-result")]
public sealed record SealResult
{
    /// <summary>Whether a block was sealed (false when no child head changed since the last block).</summary>
    [Id(0)]
    public required bool Sealed { get; init; }

    /// <summary>Height of the sealed block, or the chain height when nothing was sealed.</summary>
    [Id(1)]
    public required long Height { get; init; }

    /// <summary>The chain's head hash afterwards.</summary>
    [Id(2)]
    public required Hash256 Head { get; init; }

    /// <summary>Anchors in the sealed block.</summary>
    [Id(3)]
    public int Anchors { get; init; }

    /// <summary>Blocks sealed in the whole subtree (for <c>SealTreeAsync</c>).</summary>
    [Id(4)]
    public int BlocksInTree { get; init; }

    /// <summary>Why nothing could be sealed, when a fault stopped it.</summary>
    [Id(5)]
    public string Problem { get; init; } = string.Empty;

    /// <summary>
    /// Whether a block was proposed to the node's validators rather than sealed: it is stored when
    /// they commit it (commit scheme 1); <see cref="Height"/> is then the height it will take.
    /// </summary>
    [Id(6)]
    public bool Proposed { get; init; }
}
