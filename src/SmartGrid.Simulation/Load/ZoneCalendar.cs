using System.Collections.Concurrent;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Maps UTC quarter-hours to local slots and days of a time zone, daylight-saving changes
/// included, through a cache of one small entry per UTC day (so TimeZoneInfo is consulted 96
/// times per simulated day, not once per value). Thread-safe; entries are deterministic, so a
/// race that builds one twice is harmless. The cache holds at most <see cref="MaxCachedDays"/> days.
/// </summary>
internal sealed class ZoneCalendar
{
    /// <summary>Bound of the cache; beyond it the cache is cleared and refilled on demand.</summary>
    public const int MaxCachedDays = 4096;

    /// <summary>Length of a quarter-hour in ticks.</summary>
    public const long QuarterHourTicks = TimeSpan.TicksPerMinute * 15;

    private const int SlotsPerDay = LoadModelParameters.SlotsPerDay;
    private readonly TimeZoneInfo _zone;
    private readonly Func<int, LocalDayInfo> _dayInfo;
    private readonly Func<int, ZoneSegment[]> _build;
    private readonly ConcurrentDictionary<int, ZoneSegment[]> _days = new();

    public ZoneCalendar(TimeZoneInfo zone, Func<int, LocalDayInfo> dayInfo)
    {
        _zone = zone;
        _dayInfo = dayInfo;
        _build = Build;
    }

    /// <summary>The segment holding UTC quarter-hour <paramref name="quarterHour"/> (index since 0001-01-01 UTC).</summary>
    public ZoneSegment Find(int quarterHour)
    {
        var utcDay = quarterHour / SlotsPerDay;
        if (!_days.TryGetValue(utcDay, out var segments))
        {
            if (_days.Count >= MaxCachedDays)
            {
                _days.Clear();
            }

            segments = _days.GetOrAdd(utcDay, _build);
        }

        foreach (var segment in segments)
        {
            if (quarterHour < segment.End)
            {
                return segment;
            }
        }

        throw new InvalidOperationException("A UTC day's segments do not cover it."); // unreachable: the last segment ends the day
    }

    private ZoneSegment[] Build(int utcDay)
    {
        var segments = new List<ZoneSegment>(3);
        var first = utcDay * SlotsPerDay;
        int start = first, slotBase = 0, localDay = 0;
        LocalDayInfo? day = null;
        for (var n = first; n < first + SlotsPerDay; n++)
        {
            var utcTicks = n * QuarterHourTicks;
            var offset = _zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
            var localQuarter = FloorDivide(utcTicks + offset, QuarterHourTicks);
            var nLocalDay = (int)FloorDivide(localQuarter, SlotsPerDay);
            var nSlotBase = (int)(((long)nLocalDay * SlotsPerDay) - (localQuarter - n));
            if (day is not null && nSlotBase == slotBase && nLocalDay == localDay)
            {
                continue;
            }

            if (day is not null)
            {
                segments.Add(new ZoneSegment(start, n, slotBase, day));
            }

            start = n;
            slotBase = nSlotBase;
            day = day?.LocalDay == nLocalDay ? day : _dayInfo(nLocalDay);
            localDay = nLocalDay;
        }

        segments.Add(new ZoneSegment(start, first + SlotsPerDay, slotBase, day!));
        return [.. segments];
    }

    private static long FloorDivide(long a, long b) => (a / b) - ((a % b) < 0 ? 1 : 0);
}
