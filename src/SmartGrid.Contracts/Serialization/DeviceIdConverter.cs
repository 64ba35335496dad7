using SmartGrid.Ledger.Identity;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="DeviceId"/> as its text, re-validated on receipt.</summary>
[RegisterConverter]
public sealed class DeviceIdConverter : IConverter<DeviceId, DeviceIdSurrogate>
{
    /// <inheritdoc />
    public DeviceId ConvertFromSurrogate(in DeviceIdSurrogate surrogate) =>
        string.IsNullOrEmpty(surrogate.Value) ? default : DeviceId.Parse(surrogate.Value);

    /// <inheritdoc />
    public DeviceIdSurrogate ConvertToSurrogate(in DeviceId value) => new() { Value = value.Value };
}
