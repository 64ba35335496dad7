using SmartGrid.Ledger.Pki;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="DeviceCertificate"/> as its canonical bytes.</summary>
[RegisterConverter]
public sealed class DeviceCertificateConverter : IConverter<DeviceCertificate, CanonicalSurrogate>
{
    /// <inheritdoc />
    public DeviceCertificate ConvertFromSurrogate(in CanonicalSurrogate surrogate) => DeviceCertificate.Decode(surrogate.Bytes);

    /// <inheritdoc />
    public CanonicalSurrogate ConvertToSurrogate(in DeviceCertificate value) => new() { Bytes = value.Encoded.ToArray() };
}
