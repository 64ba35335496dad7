using Orleans.Serialization.Cloning;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Certificates are immutable.</summary>
[RegisterCopier]
public sealed class DeviceCertificateCopier : ShallowCopier<DeviceCertificate>;
