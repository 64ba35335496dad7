using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Meters;

/// <summary>
/// One smart meter's chain segment (edge tier). Keyed by the meter's device id. It accepts only
/// blocks signed by the meter's certified key that extend its head; everything else gets a
/// typed rejection and changes nothing.
/// </summary>
[Alias("smartgrid.meters.IMeterGrain")]
public interface IMeterGrain : IGrainWithStringKey
{
    /// <summary>Installs a certificate for this meter (issued by the utility root, role Meter).</summary>
    [Alias("provision")]
    Task<ProvisionResult> ProvisionAsync(DeviceCertificate certificate);

    /// <summary>
    /// Attaches the meter to <paramref name="concentrator"/>: from now on each appended upload
    /// pushes the new head there (and the current head is pushed at once).
    /// </summary>
    [Alias("attach")]
    Task<ProvisionResult> AttachAsync(DeviceId concentrator);

    /// <summary>
    /// Installs the certificate and attaches the meter to <paramref name="concentrator"/> in one
    /// call and one state write: what <see cref="ProvisionAsync"/> then <see cref="AttachAsync"/>
    /// do, for fleets provisioned by the million. Attaches only when the certificate is accepted
    /// or already known.
    /// </summary>
    [Alias("provision-attached")]
    Task<ProvisionResult> ProvisionAttachedAsync(DeviceCertificate certificate, DeviceId concentrator);

    /// <summary>
    /// Records <paramref name="appliance"/> as an appliance of this household: its certificates are
    /// loaded from the PKI store so the meter's blocks may carry its signed reports, and each
    /// appended block pushes the appliance's reports to its grain. Called by the appliance grain
    /// (<c>IApplianceGrain.AttachAsync</c>, and again after a revocation, to refresh what the
    /// meter holds); the number of appliances per meter is bounded.
    /// </summary>
    [Alias("adopt-appliance")]
    Task<ProvisionResult> AdoptApplianceAsync(DeviceId appliance);

    /// <summary>Applies a revocation of one of this meter's certificates, signed by the utility root.</summary>
    [Alias("revoke")]
    Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation);

    /// <summary>Verifies a signed block and appends it when it extends the chain.</summary>
    [Alias("ingest")]
    ValueTask<IngestResult> IngestAsync(MeterBlock block);

    /// <summary>
    /// Ingests blocks in order (a device delivering what it stored during an outage). Stops at the
    /// first rejection other than <see cref="DefectKind.Duplicate"/>; later blocks are returned as
    /// not attempted by being absent from the result.
    /// </summary>
    [Alias("ingest-many")]
    Task<ImmutableArray<IngestResult>> IngestManyAsync(ImmutableArray<MeterBlock> blocks);

    /// <summary>The chain's head.</summary>
    [Alias("head")]
    ValueTask<MeterHead> GetHeadAsync();

    /// <summary>Provisioning, head and rejection counts.</summary>
    [Alias("status")]
    Task<MeterStatus> GetStatusAsync();

    /// <summary>The meter's certificates and revocations, for verification outside the cluster.</summary>
    [Alias("credentials")]
    Task<MeterCredentials> GetCredentialsAsync();

    /// <summary>
    /// Up to <paramref name="maxCount"/> decoded blocks from <paramref name="fromHeight"/> on, in
    /// order, stopping before the first stored record that no longer decodes; use
    /// <see cref="GetStoredBlocksAsync"/> or <see cref="VerifyAsync"/> to see such a record.
    /// </summary>
    [Alias("blocks")]
    Task<ImmutableArray<MeterBlock>> GetBlocksAsync(long fromHeight, int maxCount);

    /// <summary>
    /// Up to <paramref name="maxCount"/> stored blocks from <paramref name="fromHeight"/> on, as
    /// stored bytes (for verification outside the cluster; nothing is skipped).
    /// </summary>
    [Alias("stored-blocks")]
    Task<ImmutableArray<StoredBlock>> GetStoredBlocksAsync(long fromHeight, int maxCount);

    /// <summary>Verifies the whole stored chain from its first block and reports every defect.</summary>
    [Alias("verify")]
    Task<ChainReport> VerifyAsync();
}
