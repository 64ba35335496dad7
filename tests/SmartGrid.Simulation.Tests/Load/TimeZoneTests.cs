using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class TimeZoneTests
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    [Fact]
    public void Europe_Zurich_rules_are_available_under_invariant_globalization()
    {
        AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant).Should().BeTrue();
        invariant.Should().BeTrue("the project builds with InvariantGlobalization=true");

        var zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

        zurich.GetUtcOffset(new DateTime(2018, 1, 15, 12, 0, 0, DateTimeKind.Utc)).Should().Be(TimeSpan.FromHours(1));
        zurich.GetUtcOffset(new DateTime(2018, 7, 15, 12, 0, 0, DateTimeKind.Utc)).Should().Be(TimeSpan.FromHours(2));
        zurich.GetUtcOffset(new DateTime(2018, 10, 28, 0, 59, 0, DateTimeKind.Utc)).Should().Be(TimeSpan.FromHours(2));
        zurich.GetUtcOffset(new DateTime(2018, 10, 28, 1, 0, 0, DateTimeKind.Utc)).Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void The_calibration_weeks_have_no_daylight_saving_change()
    {
        var zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        var first = new DateTime(2018, 10, 28, 23, 0, 0, DateTimeKind.Utc); // 29 October 00:00 CET
        Enumerable.Range(0, 49 * 24).Select(h => zurich.GetUtcOffset(first.AddHours(h))).Should().OnlyContain(o => o == TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(2018, 10, 28, 100)]
    [InlineData(2018, 3, 25, 92)]
    [InlineData(2018, 11, 5, 96)]
    public void A_local_day_has_the_quarter_hours_of_its_length(int year, int month, int day, int quarters)
    {
        var calendar = Calendar("Europe/Zurich");
        var date = new DateOnly(year, month, day);
        var firstUtc = (int)(new DateTimeOffset(date.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks / ZoneCalendar.QuarterHourTicks);

        var count = Enumerable.Range(firstUtc, 3 * 96).Count(q => calendar.Find(q).Day.LocalDay == date.DayNumber);

        count.Should().Be(quarters);
    }

    [Fact]
    public void The_repeated_hour_of_the_autumn_change_maps_to_the_same_local_slots_twice()
    {
        var calendar = Calendar("Europe/Zurich");
        int Slot(DateTimeOffset utc)
        {
            var quarter = (int)(utc.UtcTicks / ZoneCalendar.QuarterHourTicks);
            return quarter - calendar.Find(quarter).SlotBase;
        }

        Slot(new DateTimeOffset(2018, 10, 28, 0, 0, 0, TimeSpan.Zero)).Should().Be(8, "00:00 UTC is 02:00 CEST");
        Slot(new DateTimeOffset(2018, 10, 28, 1, 0, 0, TimeSpan.Zero)).Should().Be(8, "01:00 UTC is 02:00 CET");
        Slot(new DateTimeOffset(2018, 10, 28, 22, 45, 0, TimeSpan.Zero)).Should().Be(95);
        Slot(new DateTimeOffset(2018, 10, 28, 23, 0, 0, TimeSpan.Zero)).Should().Be(0);
    }

    [Theory]
    [InlineData("Europe/Zurich", 23, 0)]
    [InlineData("Asia/Kolkata", 18, 30)]
    [InlineData("America/New_York", 5, 0)]
    public void Profiles_follow_the_local_clock_of_the_configured_zone(string zone, int utcHour, int utcMinute)
    {
        // A profile rising through the local day: its smallest quarter-hour is local 00:00.
        var rising = Enumerable.Range(0, 96).Select(s => 0.5 + (s / 96.0)).ToArray();
        var model = new HouseholdLoadModel(TestParameters.Deterministic(rising, zone), 1, new ConstantTemperature(5));
        var traits = model.CreateTraits(0);
        var state = default(HouseholdLoadState);
        var start = new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero);

        var values = Enumerable.Range(0, 96).Select(q => model.NextIntervalKWh(traits, ref state, start + (Quarter * q), Quarter)).ToList();

        var smallest = values.IndexOf(values.Min());
        (start + (Quarter * smallest)).Should().Be(new DateTimeOffset(2025, 1, 15, utcHour, utcMinute, 0, TimeSpan.Zero));
    }

    private static ZoneCalendar Calendar(string zone) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), localDay => new LocalDayInfo(localDay, DayType.Weekday, 5, [1]));
}
