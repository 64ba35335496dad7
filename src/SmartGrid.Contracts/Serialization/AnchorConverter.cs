using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Contracts.Serialization;

/// <summary>Serializes an <see cref="Anchor"/> as its canonical leaf bytes.</summary>
[RegisterConverter]
public sealed class AnchorConverter : IConverter<Anchor, CanonicalSurrogate>
{
    /// <inheritdoc />
    public Anchor ConvertFromSurrogate(in CanonicalSurrogate surrogate)
    {
        var reader = new CanonicalReader(surrogate.Bytes);
        var anchor = Anchor.ReadFrom(ref reader);
        reader.EnsureEnd("anchor");
        return anchor;
    }

    /// <inheritdoc />
    public CanonicalSurrogate ConvertToSurrogate(in Anchor value) => new() { Bytes = value.ToLeafBytes() };
}
