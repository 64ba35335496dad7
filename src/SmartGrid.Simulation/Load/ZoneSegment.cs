namespace SmartGrid.Simulation.Load;

/// <summary>
/// A run of quarter-hours [<see cref="Start"/>, <see cref="End"/>) (indices since 0001-01-01 UTC)
/// that lie in one local day with one UTC offset: the local slot of quarter-hour n is n − <see cref="SlotBase"/>.
/// </summary>
internal readonly record struct ZoneSegment(int Start, int End, int SlotBase, LocalDayInfo Day);
