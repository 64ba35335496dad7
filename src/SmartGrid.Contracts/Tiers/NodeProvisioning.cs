using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Tiers;

/// <summary>
/// What an anchoring node (concentrator, substation, utility) needs to take up its place: its
/// certificate from the utility root, the private key it signs its blocks with, and the node it
/// reports its head to.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.tiers.node-provisioning")]
public sealed record NodeProvisioning
{
    /// <summary>The node's certificate; its role must be the grain's tier.</summary>
    [Id(0)]
    public required DeviceCertificate Certificate { get; init; }

    /// <summary>The 32-byte Ed25519 private key matching the certificate's public key.</summary>
    [Id(1)]
    public required byte[] PrivateKey { get; init; }

    /// <summary>The node of the tier above (none for the utility).</summary>
    [Id(2)]
    public DeviceId? Parent { get; init; }
}
