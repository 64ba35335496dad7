using System.Collections.Immutable;
using Orleans.Concurrency;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Appliances;

/// <summary>
/// One smart appliance's chain segment (edge tier, EBDA). Keyed by the appliance's device id. The
/// appliance signs its own reports with its own key (it is a device, like a meter: the grain holds
/// no private key); its household meter carries them inside its blocks and, once a block is
/// appended, pushes them here, where they are link-checked and appended to the appliance's chain.
/// </summary>
[Alias("smartgrid.appliances.IApplianceGrain")]
public interface IApplianceGrain : IGrainWithStringKey
{
    /// <summary>Installs a certificate for this appliance (issued by the utility root, role Appliance).</summary>
    [Alias("provision")]
    Task<ProvisionResult> ProvisionAsync(DeviceCertificate certificate);

    /// <summary>
    /// Attaches the appliance to its household <paramref name="meter"/>, which adopts it (and from
    /// then on accepts blocks carrying its reports).
    /// </summary>
    [Alias("attach")]
    Task<ProvisionResult> AttachAsync(DeviceId meter);

    /// <summary>
    /// Applies a revocation of one of this appliance's certificates, signed by the utility root,
    /// and has its household meter re-read the appliance's certificates and revocations, so the
    /// meter refuses reports signed under the revoked key from the revocation's time on.
    /// </summary>
    [Alias("revoke")]
    Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation);

    /// <summary>
    /// Reports of this appliance that its household meter's newly appended block carries, in order
    /// (pushed by the meter grain; one-way, like a meter's head notice to its concentrator).
    /// </summary>
    [OneWay]
    [Alias("offer-reports")]
    Task OfferReportsAsync(ImmutableArray<ApplianceReport> reports);

    /// <summary>Provisioning, household, chain head and refused reports.</summary>
    [Alias("status")]
    Task<ApplianceStatus> GetStatusAsync();

    /// <summary>Stored reports from <paramref name="fromHeight"/>, as stored (at most the configured page size).</summary>
    [Alias("stored-blocks")]
    Task<ImmutableArray<StoredBlock>> GetStoredBlocksAsync(long fromHeight, int maxCount);

    /// <summary>Verifies the appliance's chain from the store with its stored certificates.</summary>
    [Alias("verify")]
    Task<ChainReport> VerifyAsync();
}
