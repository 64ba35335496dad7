using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Simulation.Fleet;

/// <summary>What happens to a fleet during a run besides its households' load (a scenario's outages), and what the run lets an observer see.</summary>
public sealed class FleetConditions
{
    /// <summary>Whether meter i (0-based) cannot reach its concentrator at an upload slot; it then keeps its blocks and forwards them later.</summary>
    public Func<int, DateTimeOffset, bool>? UplinkDown { get; init; }

    /// <summary>Called with each feeder reading the run reports to concentrator c (0-based), in time order per concentrator.</summary>
    public Action<int, FeederReading>? FeederObserved { get; init; }
}
