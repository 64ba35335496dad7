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
}
