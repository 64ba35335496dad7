using SmartGrid.Analytics.Household;

namespace SmartGrid.Analytics.Tests.Household;

public sealed class HouseholdMonitorTests
{
    // A strictly daily household: the same 24-interval day over and over, plus small seeded noise.
    private static double[] Day(int day, int perDay = 24)
    {
        var random = new Random(day);
        return [.. Enumerable.Range(0, perDay).Select(i => (i is >= 17 and <= 21 ? 900 : 150) + random.Next(0, 10))];
    }

    [Fact]
    public void A_daily_routine_teaches_the_bandit_that_the_seasonal_forecaster_fits_best()
    {
        var monitor = new HouseholdMonitor(intervalsPerDay: 24);

        for (var day = 0; day < 60; day++)
        {
            var energies = Day(day);
            monitor.Observe(energies.AsSpan(0, 6));
            monitor.Observe(energies.AsSpan(6, 6));
            monitor.Observe(energies.AsSpan(12, 6));
            monitor.Observe(energies.AsSpan(18, 6));
        }

        var insight = monitor.Insight();
        insight.Intervals.Should().Be(60 * 24);
        insight.Forecaster.Should().Be("SeasonalNaive(24)");
        insight.Rounds.Should().Be((60 * 4) - 4, "rounds start once a day of history exists");
        insight.LastDayWh.Should().Be(Day(59).Sum());
        insight.LastDayPeakToAverage.Should().BeApproximately(Day(59).Max() / Day(59).Average(), 1e-9);
        insight.NextDayWh.Should().BeApproximately(Day(59).Sum(), 1e-9, "the seasonal naive forecast repeats the last day");
    }

    [Fact]
    public void Before_a_day_of_history_there_is_no_forecast()
    {
        var monitor = new HouseholdMonitor(intervalsPerDay: 24);

        monitor.Observe(Day(0).AsSpan(0, 12));

        monitor.Insight().Should().BeEquivalentTo(new { Intervals = 12L, Rounds = 0L, NextDayWh = (double?)null, LastDayWh = (double?)null, LastError = (double?)null });
    }

    [Fact]
    public void A_negative_energy_is_refused_whole()
    {
        var monitor = new HouseholdMonitor(intervalsPerDay: 24);

        FluentActions.Invoking(() => monitor.Observe([10, -5, 10])).Should().Throw<AnalyticsInputException>().WithMessage("*not negative*");
        monitor.Insight().Intervals.Should().Be(0, "nothing of a refused upload is counted");
        FluentActions.Invoking(() => new HouseholdMonitor(1)).Should().Throw<AnalyticsInputException>();
    }
}
