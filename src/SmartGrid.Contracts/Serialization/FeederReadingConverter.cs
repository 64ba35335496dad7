using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="FeederReading"/> field by field.</summary>
[RegisterConverter]
public sealed class FeederReadingConverter : IConverter<FeederReading, FeederReadingSurrogate>
{
    /// <inheritdoc />
    public FeederReading ConvertFromSurrogate(in FeederReadingSurrogate surrogate) => new(surrogate.Start, surrogate.End, surrogate.ImportWh);

    /// <inheritdoc />
    public FeederReadingSurrogate ConvertToSurrogate(in FeederReading value) => new() { Start = value.Start, End = value.End, ImportWh = value.ImportWh };
}
