using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="ChainDefect"/>.</summary>
[RegisterConverter]
public sealed class ChainDefectConverter : IConverter<ChainDefect, ChainDefectSurrogate>
{
    /// <inheritdoc />
    public ChainDefect ConvertFromSurrogate(in ChainDefectSurrogate surrogate) => new(surrogate.Height, surrogate.Kind, surrogate.Message);

    /// <inheritdoc />
    public ChainDefectSurrogate ConvertToSurrogate(in ChainDefect value) => new() { Height = value.Height, Kind = value.Kind, Message = value.Message };
}
