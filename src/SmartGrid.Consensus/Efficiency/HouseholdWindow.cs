using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>One household's use in an observation window, as the reward ranking needs it (POEF.md §8).</summary>
/// <param name="Household">The household's meter.</param>
/// <param name="ConsumedWh">Import over the window, Wh (positive).</param>
/// <param name="BaselineWh">Import over the window of equal length just before it, Wh (positive).</param>
/// <param name="Steps">Readings ending in the window.</param>
/// <param name="PeakWh">The largest import of one reading in the window, Wh (positive).</param>
public readonly record struct HouseholdWindow(DeviceId Household, long ConsumedWh, long BaselineWh, int Steps, long PeakWh);
