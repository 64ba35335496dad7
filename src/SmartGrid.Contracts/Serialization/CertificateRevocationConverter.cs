using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="CertificateRevocation"/> as its canonical bytes.</summary>
[RegisterConverter]
public sealed class CertificateRevocationConverter : IConverter<CertificateRevocation, CanonicalSurrogate>
{
    /// <inheritdoc />
    public CertificateRevocation ConvertFromSurrogate(in CanonicalSurrogate surrogate) => CertificateRevocation.Decode(surrogate.Bytes);

    /// <inheritdoc />
    public CanonicalSurrogate ConvertToSurrogate(in CertificateRevocation value) => new() { Bytes = value.Encoded.ToArray() };
}
