using System.Collections.Immutable;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Tiers;

/// <summary>
/// The utility (cloud tier): anchors its substations' chains, the top of every proof, and the
/// front door of the PKI: revocations signed by the utility root are recorded here and passed on
/// to the device or node they concern, and the revocation list is published from here.
/// </summary>
[Alias("smartgrid.tiers.IUtilityGrain")]
public interface IUtilityGrain : IAnchorParentGrain
{
    /// <summary>
    /// Records a revocation (it must be signed by the utility root and name a stored certificate)
    /// and applies it at the grain of the device or node it concerns.
    /// </summary>
    [Alias("revoke-certificate")]
    Task<ProvisionResult> RevokeCertificateAsync(CertificateRevocation revocation);

    /// <summary>
    /// The certificates the registry holds for <paramref name="subject"/> (every certificate when
    /// null), each verified under the utility root: the public keys a relying party may trust.
    /// </summary>
    [Alias("certificates")]
    Task<ImmutableArray<DeviceCertificate>> GetCertificatesAsync(DeviceId? subject);

    /// <summary>Every stored revocation: the list an offline verifier checks proofs against.</summary>
    [Alias("revocations")]
    Task<ImmutableArray<CertificateRevocation>> GetRevocationsAsync();
}
