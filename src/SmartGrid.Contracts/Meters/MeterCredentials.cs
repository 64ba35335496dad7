using System.Collections.Immutable;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Meters;

/// <summary>
/// The certificates and revocations a meter holds, as signed by the utility root. A client that
/// trusts only the root key can check them itself and verify the chain without trusting the silo.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.meters.meter-credentials")]
public sealed record MeterCredentials
{
    /// <summary>Certificates, oldest serial first.</summary>
    [Id(0)]
    public required ImmutableArray<DeviceCertificate> Certificates { get; init; }

    /// <summary>Revocations.</summary>
    [Id(1)]
    public required ImmutableArray<CertificateRevocation> Revocations { get; init; }

    /// <summary>
    /// Certificates of the meter's attached appliances, whose reports its blocks carry and which a
    /// verifier needs to check those blocks.
    /// </summary>
    [Id(2)]
    public ImmutableArray<DeviceCertificate> ApplianceCertificates { get; init; } = [];
}
