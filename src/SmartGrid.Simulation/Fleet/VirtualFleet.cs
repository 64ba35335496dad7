using System.Buffers.Binary;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Fleet;

/// <summary>
/// The meters of a <see cref="FleetSpec"/>, each with the key, household and smart appliances (keys
/// <c>appliance/&lt;id&gt;</c> from the seed) its index and the seed determine.
/// </summary>
public sealed class VirtualFleet
{
    private const ulong MeterNoiseStream = 0x6D65746572206E6FUL; // "meter no"
    private const ulong ApplianceStream = 0x6170706C69616E63UL; // "applianc"

    private VirtualFleet(FleetSpec spec, IReadOnlyList<VirtualMeter> meters)
    {
        Spec = spec;
        Meters = meters;
    }

    /// <summary>The spec the fleet was built from.</summary>
    public FleetSpec Spec { get; }

    /// <summary>The meters, index i having id <see cref="FleetSpec.MeterId"/>(i).</summary>
    public IReadOnlyList<VirtualMeter> Meters { get; }

    /// <summary>Builds the fleet; <paramref name="household"/> gives the load of meter i (called from several threads, so it must be thread-safe).</summary>
    /// <exception cref="ArgumentException">The spec is invalid; the message says why.</exception>
    public static VirtualFleet Create(FleetSpec spec, Func<int, IHouseholdLoad> household)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(household);
        var error = spec.Validate();
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(spec));
        }

        var seed = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(seed, spec.Seed);
        var meters = new VirtualMeter[spec.Meters];

        // Deriving a key pair is the costly part (a scalar multiplication each): a million meters
        // take a core-minute, so the meters are built in parallel; each depends on its index only.
        Parallel.For(0, meters.Length, i =>
        {
            var id = spec.MeterId(i);
            var key = SigningKeyPair.Derive(seed, "meter/" + id.Value);
            var appliances = new VirtualAppliance[spec.AppliancesPerHousehold];
            for (var a = 0; a < appliances.Length; a++)
            {
                var applianceId = spec.ApplianceId(i, a);
                var applianceSeed = SplitMix64.At(spec.Seed ^ ApplianceStream, ((long)i * FleetSpec.MaxAppliancesPerHousehold) + a);
                appliances[a] = new VirtualAppliance(applianceId, id, SigningKeyPair.Derive(seed, "appliance/" + applianceId.Value), applianceSeed, a, appliances.Length);
            }

            meters[i] = new VirtualMeter(id, key, household(i), SplitMix64.At(spec.Seed ^ MeterNoiseStream, i), spec.Start, spec.Interval, appliances);
        });

        return new VirtualFleet(spec, meters);
    }
}
