using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Revocations are immutable.</summary>
[RegisterCopier]
public sealed class CertificateRevocationCopier : ShallowCopier<CertificateRevocation>;
