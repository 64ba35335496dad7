using System.Buffers.Binary;
using System.Globalization;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Simulation.Fleet;

/// <summary>
/// The hierarchy a fleet's meters report through: one utility, substations and concentrators,
/// meters assigned to concentrators in meter order. Either regular (concentrators of
/// <see cref="FleetSpec.MetersPerConcentrator"/> meters, <see cref="FleetSpec.ConcentratorsPerSubstation"/>
/// per substation) or explicit (<see cref="FleetSpec.Topology"/>, a topology file). Ids and keys
/// follow from the spec alone (keys from its seed), so a fleet resumed from its folder finds the
/// same nodes with the same keys.
/// </summary>
public sealed class FleetTopology
{
    private readonly byte[] _seed = new byte[8];
    private readonly DeviceId[] _substations;
    private readonly DeviceId[] _concentrators;
    private readonly int[] _substationOf;
    private readonly int[] _firstMeter;

    /// <summary>Builds the topology of <paramref name="spec"/>.</summary>
    public FleetTopology(FleetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        BinaryPrimitives.WriteUInt64LittleEndian(_seed, spec.Seed);
        if (spec.Topology is { } explicitTopology)
        {
            Utility = DeviceId.Parse(explicitTopology.Utility);
            _substations = [.. explicitTopology.Substations.Select(s => DeviceId.Parse(s.Id))];
            var concentrators = explicitTopology.Substations.SelectMany((s, index) => s.Concentrators.Select(c => (c, index))).ToList();
            _concentrators = [.. concentrators.Select(c => DeviceId.Parse(c.c.Id))];
            _substationOf = [.. concentrators.Select(c => c.index)];
            _firstMeter = new int[concentrators.Count];
            for (int i = 0, first = 0; i < concentrators.Count; first += concentrators[i].c.Meters, i++)
            {
                _firstMeter[i] = first;
            }
        }
        else
        {
            Utility = DeviceId.Parse("UTILITY");
            var concentratorCount = (spec.Meters + spec.MetersPerConcentrator - 1) / spec.MetersPerConcentrator;
            var substationCount = (concentratorCount + spec.ConcentratorsPerSubstation - 1) / spec.ConcentratorsPerSubstation;
            _substations = [.. Enumerable.Range(0, substationCount).Select(SubstationId)];
            _concentrators = [.. Enumerable.Range(0, concentratorCount).Select(ConcentratorId)];
            _substationOf = [.. Enumerable.Range(0, concentratorCount).Select(c => c / spec.ConcentratorsPerSubstation)];
            _firstMeter = [.. Enumerable.Range(0, concentratorCount).Select(c => c * spec.MetersPerConcentrator)];
        }
    }

    /// <summary>The fleet's spec.</summary>
    public FleetSpec Spec { get; }

    /// <summary>The utility's id.</summary>
    public DeviceId Utility { get; }

    /// <summary>Number of substations.</summary>
    public int Substations => _substations.Length;

    /// <summary>Number of concentrators.</summary>
    public int Concentrators => _concentrators.Length;

    /// <summary>Id of substation <paramref name="index"/> in a regular topology.</summary>
    public static DeviceId SubstationId(int index) => DeviceId.Parse("SUB-" + (index + 1).ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>Id of concentrator <paramref name="index"/> in a regular topology.</summary>
    public static DeviceId ConcentratorId(int index) => DeviceId.Parse("DC-" + (index + 1).ToString("D5", CultureInfo.InvariantCulture));

    /// <summary>Id of this topology's substation <paramref name="index"/>.</summary>
    public DeviceId SubstationAt(int index) => _substations[index];

    /// <summary>Id of this topology's concentrator <paramref name="index"/>.</summary>
    public DeviceId ConcentratorAt(int index) => _concentrators[index];

    /// <summary>The concentrator index meter <paramref name="meterIndex"/> reports to.</summary>
    public int ConcentratorOf(int meterIndex)
    {
        var at = Array.BinarySearch(_firstMeter, meterIndex);
        return at >= 0 ? at : ~at - 1;
    }

    /// <summary>The substation index concentrator <paramref name="concentratorIndex"/> reports to.</summary>
    public int SubstationOf(int concentratorIndex) => _substationOf[concentratorIndex];

    /// <summary>Every anchoring node, top down (utility, substations, concentrators), with its role and parent.</summary>
    public IEnumerable<(DeviceId Node, DeviceRole Role, DeviceId? Parent)> Nodes()
    {
        yield return (Utility, DeviceRole.Utility, null);
        foreach (var substation in _substations)
        {
            yield return (substation, DeviceRole.Substation, Utility);
        }

        for (var c = 0; c < _concentrators.Length; c++)
        {
            yield return (_concentrators[c], DeviceRole.Concentrator, _substations[_substationOf[c]]);
        }
    }

    /// <summary>The signing key of an anchoring node, derived from the fleet's seed.</summary>
    public SigningKeyPair NodeKey(DeviceId node) => SigningKeyPair.Derive(_seed, "node/" + node.Value);
}
