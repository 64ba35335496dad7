using System.Runtime.InteropServices;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// The running state of one household: a cache of its current local day (segment bounds,
/// profile row and day factor), 24 bytes. The model's values are pure functions of
/// (parameters, seed, household, time): the state only makes the next value cheap, so
/// <c>default</c> is a valid state at any time, a household can start (or be reactivated)
/// anywhere, and its values do not depend on where it started. Keep one state per household.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct HouseholdLoadState
{
    /// <summary>First quarter-hour (UTC index since 0001-01-01) of the cached segment.</summary>
    internal int SegmentStart;

    /// <summary>End (exclusive) of the cached segment.</summary>
    internal int SegmentEnd;

    /// <summary>Local slot of quarter-hour n is n − SlotBase.</summary>
    internal int SlotBase;

    /// <summary>Index of the profile row (archetype and day type) in the model's profile table.</summary>
    internal int ProfileOffset;

    /// <summary>Local day number + 1 of <see cref="DayScale"/>; 0 when none is cached.</summary>
    internal int DayKey;

    /// <summary>Energy scale of the cached day: level, seasonal and day factor together.</summary>
    internal float DayScale;
}
