namespace SmartGrid.Grains.Tests;

/// <summary>Whole-day UTC instants relative to today, so tests run the same in any time zone.</summary>
public static class TestTime
{
    public static DateTimeOffset Midnight(int daysFromToday) =>
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(daysFromToday);
}
