using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes an <see cref="AnchorBlockHeader"/> as its canonical bytes (decoding re-validates them).</summary>
[RegisterConverter]
public sealed class AnchorBlockHeaderConverter : IConverter<AnchorBlockHeader, CanonicalSurrogate>
{
    /// <inheritdoc />
    public AnchorBlockHeader ConvertFromSurrogate(in CanonicalSurrogate surrogate) => AnchorBlockHeader.Decode(surrogate.Bytes);

    /// <inheritdoc />
    public CanonicalSurrogate ConvertToSurrogate(in AnchorBlockHeader value) => new() { Bytes = value.Encoded.ToArray() };
}
