using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="MeterBlock"/> as its canonical bytes.</summary>
[RegisterConverter]
public sealed class MeterBlockConverter : IConverter<MeterBlock, CanonicalSurrogate>
{
    /// <inheritdoc />
    public MeterBlock ConvertFromSurrogate(in CanonicalSurrogate surrogate) => MeterBlock.Decode(surrogate.Bytes);

    /// <inheritdoc />
    public CanonicalSurrogate ConvertToSurrogate(in MeterBlock value) => new() { Bytes = value.ToArray() };
}
