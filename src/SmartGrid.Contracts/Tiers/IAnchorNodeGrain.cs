using System.Collections.Immutable;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Tiers;

/// <summary>
/// What every anchoring node (concentrator, substation, utility) offers: provisioning, topology,
/// sealing its next anchor block, and reading and verifying its chain. The grain key is the node id.
/// </summary>
[Alias("smartgrid.tiers.IAnchorNodeGrain")]
public interface IAnchorNodeGrain : IGrainWithStringKey
{
    /// <summary>Installs the node's certificate and key (the certificate's role must be the grain's tier).</summary>
    [Alias("provision")]
    Task<ProvisionResult> ProvisionAsync(NodeProvisioning provisioning);

    /// <summary>
    /// Applies a revocation of one of this node's certificates. A node whose signing certificate
    /// is revoked stops sealing until it is provisioned with a new certificate and key.
    /// </summary>
    [Alias("revoke")]
    Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation);

    /// <summary>Records <paramref name="child"/> as a node of the tier below that reports to this one.</summary>
    [Alias("adopt")]
    Task AdoptAsync(DeviceId child);

    /// <summary>Records every one of <paramref name="children"/> as in <see cref="AdoptAsync"/>, with one state write (provisioning a large area).</summary>
    [Alias("adopt-many")]
    Task AdoptManyAsync(System.Collections.Immutable.ImmutableArray<DeviceId> children);

    /// <summary>Seals one block over the child heads that changed since the last block, and reports it upwards.</summary>
    [Alias("seal")]
    Task<SealResult> SealAsync();

    /// <summary>Seals the whole subtree bottom up (children first), then this node: one interval's anchoring.</summary>
    [Alias("seal-tree")]
    Task<SealResult> SealTreeAsync();

    /// <summary>The node's state.</summary>
    [Alias("status")]
    Task<AnchorNodeStatus> GetStatusAsync();

    /// <summary>Stored blocks from <paramref name="fromHeight"/>, as stored (at most the configured page size).</summary>
    [Alias("stored-blocks")]
    Task<ImmutableArray<StoredBlock>> GetStoredBlocksAsync(long fromHeight, int maxCount);

    /// <summary>Verifies the node's chain from the store with its stored certificates.</summary>
    [Alias("verify")]
    Task<ChainReport> VerifyAsync();
}
