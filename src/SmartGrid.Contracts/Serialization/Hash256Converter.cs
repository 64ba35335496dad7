using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="Hash256"/> as its 32 bytes.</summary>
[RegisterConverter]
public sealed class Hash256Converter : IConverter<Hash256, Hash256Surrogate>
{
    /// <inheritdoc />
    public Hash256 ConvertFromSurrogate(in Hash256Surrogate surrogate) => new(surrogate.Bytes);

    /// <inheritdoc />
    public Hash256Surrogate ConvertToSurrogate(in Hash256 value) => new() { Bytes = value.ToArray() };
}
