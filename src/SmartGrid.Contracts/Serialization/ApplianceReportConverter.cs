using SmartGrid.Ledger.Appliances;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes an <see cref="ApplianceReport"/> as its canonical bytes.</summary>
[RegisterConverter]
public sealed class ApplianceReportConverter : IConverter<ApplianceReport, CanonicalSurrogate>
{
    /// <inheritdoc />
    public ApplianceReport ConvertFromSurrogate(in CanonicalSurrogate surrogate) => ApplianceReport.Decode(surrogate.Bytes);

    /// <inheritdoc />
    public CanonicalSurrogate ConvertToSurrogate(in ApplianceReport value) => new() { Bytes = value.ToArray() };
}
