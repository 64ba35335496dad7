using System.Collections.Immutable;

namespace SmartGrid.Simulation.Fleet;

/// <summary>The concentrator areas' analytics after a run, summed over the areas.</summary>
/// <param name="Areas">Areas reporting.</param>
/// <param name="FeederWh">Energy the feeder meters delivered (from when every meter had a reference reading), Wh.</param>
/// <param name="MeteredWh">Energy the meters recorded over the same intervals, Wh.</param>
/// <param name="Findings">Findings by kind (EnergyImbalance, VoltageOutOfRange, RegisterReversed, MeterSilent, AreaOutage).</param>
public sealed record AreaSummary(int Areas, double FeederWh, double MeteredWh, ImmutableSortedDictionary<string, long> Findings)
{
    /// <summary>Unmetered share of the feeders' energy, or null without feeder energy.</summary>
    public double? LossFraction => FeederWh > 0 ? (FeederWh - MeteredWh) / FeederWh : null;
}
