using System.Buffers.Binary;
using System.Globalization;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Simulation.Fleet;

/// <summary>
/// The hierarchy a fleet's meters report through: one utility, substations, and concentrators of
/// <see cref="FleetSpec.MetersPerConcentrator"/> meters each, filled in meter order. Ids and keys
/// follow from the spec alone (keys from its seed), so a fleet resumed from its folder finds the
/// same nodes with the same keys.
/// </summary>
public sealed class FleetTopology
{
    private readonly byte[] _seed = new byte[8];

    /// <summary>Builds the topology of <paramref name="spec"/>.</summary>
    public FleetTopology(FleetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        BinaryPrimitives.WriteUInt64LittleEndian(_seed, spec.Seed);
        Concentrators = (spec.Meters + spec.MetersPerConcentrator - 1) / spec.MetersPerConcentrator;
        Substations = (Concentrators + spec.ConcentratorsPerSubstation - 1) / spec.ConcentratorsPerSubstation;
    }

    /// <summary>The fleet's spec.</summary>
    public FleetSpec Spec { get; }

    /// <summary>The utility's id.</summary>
    public DeviceId Utility { get; } = DeviceId.Parse("UTILITY");

    /// <summary>Number of substations.</summary>
    public int Substations { get; }

    /// <summary>Number of concentrators.</summary>
    public int Concentrators { get; }

    /// <summary>Id of substation <paramref name="index"/>.</summary>
    public static DeviceId SubstationId(int index) => DeviceId.Parse("SUB-" + (index + 1).ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>Id of concentrator <paramref name="index"/>.</summary>
    public static DeviceId ConcentratorId(int index) => DeviceId.Parse("DC-" + (index + 1).ToString("D5", CultureInfo.InvariantCulture));

    /// <summary>The concentrator index meter <paramref name="meterIndex"/> reports to.</summary>
    public int ConcentratorOf(int meterIndex) => meterIndex / Spec.MetersPerConcentrator;

    /// <summary>The substation index concentrator <paramref name="concentratorIndex"/> reports to.</summary>
    public int SubstationOf(int concentratorIndex) => concentratorIndex / Spec.ConcentratorsPerSubstation;

    /// <summary>Every anchoring node, top down (utility, substations, concentrators), with its role and parent.</summary>
    public IEnumerable<(DeviceId Node, DeviceRole Role, DeviceId? Parent)> Nodes()
    {
        yield return (Utility, DeviceRole.Utility, null);
        for (var s = 0; s < Substations; s++)
        {
            yield return (SubstationId(s), DeviceRole.Substation, Utility);
        }

        for (var c = 0; c < Concentrators; c++)
        {
            yield return (ConcentratorId(c), DeviceRole.Concentrator, SubstationId(SubstationOf(c)));
        }
    }

    /// <summary>The signing key of an anchoring node, derived from the fleet's seed.</summary>
    public SigningKeyPair NodeKey(DeviceId node) => SigningKeyPair.Derive(_seed, "node/" + node.Value);
}
