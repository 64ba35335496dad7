using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// The hierarchy of the paper's Fig. 1: appliances and meters at the edge, concentrators at the
/// edge-fog tier, substations at the fog tier and the utility in the cloud. Each anchoring tier
/// anchors the heads of the chains one tier below.
/// </summary>
public static class Tier
{
    /// <summary>Whether nodes of <paramref name="role"/> keep anchor chains (concentrator, substation, utility).</summary>
    public static bool IsAnchoring(DeviceRole role) => role is DeviceRole.Concentrator or DeviceRole.Substation or DeviceRole.Utility;

    /// <summary>The role whose chains a node of <paramref name="role"/> anchors.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> anchors nothing.</exception>
    public static DeviceRole ChildOf(DeviceRole role) => role switch
    {
        DeviceRole.Concentrator => DeviceRole.Meter,
        DeviceRole.Substation => DeviceRole.Concentrator,
        DeviceRole.Utility => DeviceRole.Substation,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "only concentrators, substations and the utility anchor a tier below"),
    };

    /// <summary>The role of the node that anchors chains of <paramref name="role"/>, or null for the utility (and appliances, carried in meter blocks).</summary>
    public static DeviceRole? ParentOf(DeviceRole role) => role switch
    {
        DeviceRole.Meter => DeviceRole.Concentrator,
        DeviceRole.Concentrator => DeviceRole.Substation,
        DeviceRole.Substation => DeviceRole.Utility,
        _ => null,
    };

    /// <summary>The lower-case name used on the command line and in reports (<c>meter</c>, <c>concentrator</c>...).</summary>
    public static string NameOf(DeviceRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses a tier name as <see cref="NameOf"/> writes it.</summary>
    public static bool TryParse(string? name, out DeviceRole role)
    {
        foreach (var candidate in Enum.GetValues<DeviceRole>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
