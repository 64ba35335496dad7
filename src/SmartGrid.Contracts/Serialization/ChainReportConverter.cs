using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes a <see cref="ChainReport"/>.</summary>
[RegisterConverter]
public sealed class ChainReportConverter : IConverter<ChainReport, ChainReportSurrogate>
{
    /// <inheritdoc />
    public ChainReport ConvertFromSurrogate(in ChainReportSurrogate surrogate) =>
        new(surrogate.Device, surrogate.BlocksChecked, surrogate.ReadingsChecked, surrogate.Head, surrogate.Defects.IsDefault ? [] : surrogate.Defects);

    /// <inheritdoc />
    public ChainReportSurrogate ConvertToSurrogate(in ChainReport value) => new()
    {
        Device = value.Device,
        BlocksChecked = value.BlocksChecked,
        ReadingsChecked = value.ReadingsChecked,
        Head = value.Head,
        Defects = value.Defects,
    };
}
