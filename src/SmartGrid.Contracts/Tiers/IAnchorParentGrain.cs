using Orleans.Concurrency;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Tiers;

/// <summary>A node anchoring anchor chains (substation, utility): takes its children's signed block headers.</summary>
[Alias("smartgrid.tiers.IAnchorParentGrain")]
public interface IAnchorParentGrain : IAnchorNodeGrain
{
    /// <summary>
    /// A child's newly sealed block header. It is checked (certificate of the child's tier,
    /// signature, a sequence that moves forward) before its head is taken for the next block.
    /// Interleaves with the node's other calls: a parent sealing its subtree waits on children who
    /// offer it their new heads, so this call must not wait behind that seal.
    /// </summary>
    [AlwaysInterleave]
    [Alias("offer-head")]
    Task<IngestResult> OfferHeadAsync(AnchorBlockHeader header);

    /// <summary>
    /// Hands the node's chain to a validator set (record 0x25 of docs/POEF.md; its members are this
    /// node's children, each with the key of its certificate): the set is stored with the deployment
    /// and from then on every block is committed by the validators (commit scheme 1) instead of
    /// sealed alone. Idempotent for the same set; another set is a conflict (set changes are not specified).
    /// </summary>
    [Alias("use-validators")]
    Task<ProvisionResult> UseValidatorsAsync(byte[] validatorSet);

    /// <summary>
    /// A validator's word that it committed a block of this node's chain (the commit announcement
    /// record 0x27: consensus header, the anchor block body, the certificate). The node checks it and
    /// stores the block with its commit evidence; every validator sends it, so repeats are ignored.
    /// One way: validators never wait on the node.
    /// </summary>
    [OneWay]
    [Alias("committed")]
    Task CommittedAsync(byte[] record);
}
