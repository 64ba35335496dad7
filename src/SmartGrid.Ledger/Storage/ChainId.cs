using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Storage;

/// <summary>Names one chain segment: the role of the node that owns it and the node's identity.</summary>
/// <param name="Kind">Tier of the chain (meter, concentrator, substation, utility...).</param>
/// <param name="Node">The node owning the chain.</param>
public readonly record struct ChainId(DeviceRole Kind, DeviceId Node)
{
    /// <summary>The chain of a meter.</summary>
    public static ChainId Meter(DeviceId meter) => new(DeviceRole.Meter, meter);

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}/{Node}";
}
