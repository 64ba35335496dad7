using System.Collections.Immutable;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>One reading of a meter's import register as its chain holds it: the register's value at the reading's end.</summary>
/// <param name="Start">Start of the reading's interval.</param>
/// <param name="End">End of the reading's interval.</param>
/// <param name="ImportWh">The import register (OBIS 1.8.0) at <paramref name="End"/>, Wh.</param>
public readonly record struct RegisterReading(DateTimeOffset Start, DateTimeOffset End, long ImportWh);

/// <summary>A meter the anchored head names and its readings in its last blocks up to the anchored one, oldest first.</summary>
/// <param name="Meter">The meter (household).</param>
/// <param name="Readings">Its readings, oldest first.</param>
public sealed record MeterReadings(DeviceId Meter, ImmutableArray<RegisterReading> Readings);

/// <summary>
/// What one validator's area shows in one consensus block (docs/POEF.md §4.1): the data of the head
/// of its chain that the block anchors, and what came before it. Every part is read from stored,
/// hash-linked blocks that end at the anchored head, so every honest validator reads the same.
/// </summary>
/// <param name="History">The area's feeder readings from blocks of its chain before the anchored head, oldest first (at most <see cref="AreaObservations.HistoryReadings"/> are used).</param>
/// <param name="Feeder">The feeder readings of the anchored head block: the window observed.</param>
/// <param name="Meters">For each meter the head block anchors, its readings in its last blocks up to the anchored one, oldest first.</param>
/// <param name="SilentMeters">Meters expected of the head block and missing from it (<see cref="AreaObservations.MissingMeters"/>: named silent by its events, or anchored by the chain's blocks before it, and not anchored by it), and anchored meters whose block cannot be read: readings expected and missing.</param>
public sealed record AreaWindow(
    ImmutableArray<FeederReading> History,
    ImmutableArray<FeederReading> Feeder,
    ImmutableArray<MeterReadings> Meters,
    int SilentMeters);
