using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Tests.Efficiency;

/// <summary>The observation of one area in one block (POEF.md §4.1), on windows whose answers are worked out by hand.</summary>
public class AreaObservationsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    // Feeder readings of one hour each, from hour `from` on; the energy in Wh equals the mean power in W.
    private static ImmutableArray<FeederReading> Hourly(int from, params ulong[] wh) =>
        [.. wh.Select((e, i) => new FeederReading(Start.AddHours(from + i), Start.AddHours(from + i + 1), e))];

    // A meter's quarter-hour readings from `from` (a quarter-hour index), its register climbing by each step.
    private static ImmutableArray<RegisterReading> Meter(int from, long register, params long[] steps)
    {
        var readings = ImmutableArray.CreateBuilder<RegisterReading>();
        for (var i = 0; i < steps.Length; i++)
        {
            register += steps[i];
            readings.Add(new RegisterReading(Start + (Quarter * (from + i)), Start + (Quarter * (from + i + 1)), register));
        }

        return readings.ToImmutable();
    }

    private static ImmutableArray<MeterReadings> Meters(params ImmutableArray<RegisterReading>[] meters) =>
        [.. meters.Select((m, i) => new MeterReadings(DeviceId.Parse($"MTR-{i:D3}"), m))];

    [Fact]
    public void An_area_without_a_feeder_reading_in_its_head_shows_nothing()
    {
        var window = new AreaWindow(Hourly(0, 500), [], Meters(Meter(0, 0, 100, 100)), 0);

        AreaObservations.Of(window).Should().Be(AreaObservations.Absent);
        AreaObservations.Absent.Should().Be(new EfficiencyObservation(EfficiencyObservation.Whole, EfficiencyObservation.Whole, 0));
    }

    [Fact]
    public void Losses_are_the_feeder_energy_the_meters_registers_do_not_account_for()
    {
        // Hour 1 (quarters 4-7). Meter A: 4 × 150 = 600 Wh since its reading ending at the window's start;
        // meter B: 350 Wh, but its chain starts inside the window, so it counts from its first
        // reading's register (50) on: 300.
        var a = Meter(3, 10_000, 90, 150, 150, 150, 150);
        var b = Meter(4, 0, 50, 50, 100, 150);
        var window = new AreaWindow([], Hourly(1, 1_000), Meters(a, b), 0);
        ImmutableArray<ImmutableArray<RegisterReading>> both = [a, b];

        AreaObservations.Losses(window.Feeder, both, Start.AddHours(1), Start.AddHours(2)).Should().Be(1_000, "(1,000 - 600 - 300) / 1,000 = 10 %");
        AreaObservations.Losses(Hourly(1, 800), both, Start.AddHours(1), Start.AddHours(2)).Should().Be(0, "meters recording more than the feeder are not negative losses");
        AreaObservations.Losses(Hourly(1, 0), both, Start.AddHours(1), Start.AddHours(2)).Should().Be(0, "no feeder energy, nothing to lose");
        AreaObservations.Losses(Hourly(1, 1_000), [Meter(3, 10_000, 0, 0, 0, 0, -400)], Start.AddHours(1), Start.AddHours(2))
            .Should().Be(10_000, "a register that ran backwards accounts for nothing");
        AreaObservations.Of(window).LossBp.Should().Be(1_000);
    }

    [Fact]
    public void Completeness_counts_each_meters_readings_in_the_window_against_its_interval_and_silent_meters_as_missing()
    {
        var whole = Meter(4, 0, 1, 1, 1, 1);
        var half = Meter(4, 0, 1, 1);
        var outside = Meter(0, 0, 1, 1, 1);
        var from = Start.AddHours(1);
        var to = Start.AddHours(2);

        AreaObservations.Completeness([whole, half], 0, 1, from, to).Should().Be(7_500, "6 of 8 quarter-hours");
        AreaObservations.Completeness([whole, half], 1, 1, from, to).Should().Be(5_000, "a silent meter is expected to have the median meter's 4");
        AreaObservations.Completeness([whole, outside], 0, 1, from, to).Should().Be(5_000, "readings before the window do not count in it");
        AreaObservations.Completeness([whole, [.. whole, .. whole]], 0, 1, from, to).Should().Be(10_000, "a reading counted twice is one reading");
        AreaObservations.Completeness([], 2, 1, from, to).Should().Be(0, "only silent meters: nothing arrived");
        AreaObservations.Completeness([], 0, 1, from, to).Should().Be(0, "no meter at all: no data");
        AreaObservations.Completeness([whole, []], 0, 1, from, to).Should().Be(5_000, "an anchored meter without an import reading is expected like a silent one");
    }

    [Fact]
    public void A_meter_the_chain_anchored_before_and_the_head_leaves_out_without_a_word_is_missing_like_a_silent_one()
    {
        var (a, b, c, d) = (DeviceId.Parse("MTR-A"), DeviceId.Parse("MTR-B"), DeviceId.Parse("MTR-C"), DeviceId.Parse("MTR-D"));
        static Anchor Anchored(DeviceId meter) => new(DeviceRole.Meter, meter, 7, Hash256.Compute("head"u8));
        static ChainEvent Named(ChainEventKind kind, DeviceId meter) => ChainEvent.Of(kind, meter, Start, 0);

        AreaObservations.MissingMeters([a, b], [Anchored(a), Anchored(b)], []).Should().Be(0, "every meter of the history is anchored");
        AreaObservations.MissingMeters([a, b], [Anchored(a)], []).Should().Be(1, "b is left out without a word");
        AreaObservations.MissingMeters([a], [Anchored(a)], [Named(ChainEventKind.MeterSilent, b)]).Should().Be(1, "b, named silent, is missing as before");
        AreaObservations.MissingMeters([a, b, c], [Anchored(a)], [Named(ChainEventKind.MeterSilent, c), Named(ChainEventKind.MeterSilent, c), Named(ChainEventKind.MeterSilent, d)])
            .Should().Be(3, "b left out, c named silent (twice) and in the history, d named silent: each once");
        AreaObservations.MissingMeters([a, b], [Anchored(a)], [Named(ChainEventKind.TheftSuspected, b)]).Should().Be(1, "only MeterSilent names a meter silent; b is missing either way");
        AreaObservations.MissingMeters([a], [Anchored(a), Anchored(b)], [Named(ChainEventKind.MeterSilent, b)]).Should().Be(0, "a meter named silent that the head anchors did deliver: its readings are counted");
        AreaObservations.MissingMeters([a, b], [Anchored(a), new Anchor(DeviceRole.Concentrator, b, 7, Hash256.Zero)], []).Should().Be(1, "only a meter's anchor anchors a meter");
        AreaObservations.MissingMeters([], [Anchored(a)], []).Should().Be(0, "a new meter adds readings, it misses none");
        AreaObservations.MissingMeters([a, b], default, default).Should().Be(2, "a head that anchors nothing misses its whole history");

        // In the completeness, a left-out meter weighs what a silent one does: half of 8 quarter-hours.
        var whole = Meter(4, 0, 1, 1, 1, 1);
        var from = Start.AddHours(1);
        var to = Start.AddHours(2);
        var leftOut = AreaObservations.Completeness([whole], AreaObservations.MissingMeters([a, b], [Anchored(a)], []), 1, from, to);
        leftOut.Should().Be(5_000).And.Be(AreaObservations.Completeness([whole], AreaObservations.MissingMeters([a], [Anchored(a)], [Named(ChainEventKind.MeterSilent, b)]), 1, from, to));
    }

    [Fact]
    public void Forecast_error_is_the_better_of_the_moving_average_and_the_autoregression()
    {
        AreaObservations.ForecastError([], Hourly(0, 500)).Should().Be(EfficiencyObservation.Whole, "nothing to forecast from");
        AreaObservations.ForecastError(Hourly(0, 500, 500, 500, 500, 500), Hourly(5, 500)).Should().Be(0, "a flat load is forecast exactly");

        // A load climbing by 100 W an hour: the AR(1) fits x_t = 100 + x_(t-1) and forecasts 1,100
        // exactly; the mean of the last four (850) misses by 250 of 1,100.
        AreaObservations.ForecastError(Hourly(0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000), Hourly(10, 1_100)).Should().Be(0);

        // Two hours only: the AR(1) needs three readings, so the mean forecasts 150 against 300.
        AreaObservations.ForecastError(Hourly(0, 100, 200), Hourly(2, 300)).Should().Be(5_000, "|300 - 150| / 300");

        // Alternating 100/300: the AR(1) fits x_t = 400 - x_(t-1); the mean of four (200) is 100 off at each of two hours.
        AreaObservations.ForecastError(Hourly(0, 100, 300, 100, 300, 100, 300), Hourly(6, 100, 300)).Should().Be(0);

        // After a flat history both forecast the mean: 200, then 175 (the lag-1 regressor has no
        // spread, so the AR(1) falls back to the mean of its targets): 100 + 125 off of 400.
        AreaObservations.ForecastError(Hourly(0, 200, 200, 200, 200), Hourly(4, 100, 300)).Should().Be(5_625);
    }

    [Fact]
    public void Errors_are_clipped_to_what_a_block_may_record_and_a_window_of_nothing_forecast_as_nothing_is_exact()
    {
        AreaObservations.ForecastError(Hourly(0, 1_000_000, 1_000_000, 1_000_000), Hourly(3, 1)).Should().Be(EfficiencyObservation.MaxBp);
        AreaObservations.ForecastError(Hourly(0, 0, 0, 0), Hourly(3, 0)).Should().Be(0);
        AreaObservations.ForecastError(Hourly(0, 10, 10, 10), Hourly(3, 0)).Should().Be(EfficiencyObservation.MaxBp, "a forecast error on a window that used nothing");
    }

    [Fact]
    public void The_forecast_uses_the_last_day_of_history_only()
    {
        // 200 old hours at 5,000 W, then a day at 100 W: only the day counts.
        var old = Enumerable.Repeat(5_000UL, 200).Concat(Enumerable.Repeat(100UL, AreaObservations.HistoryReadings)).ToArray();

        AreaObservations.ForecastError(Hourly(0, old), Hourly(old.Length, 100)).Should().Be(0);
    }

    [Fact]
    public void A_households_window_needs_its_register_at_both_ends_of_the_window_and_of_the_one_before()
    {
        // Hour 2 is the window (quarters 8-11); hour 1 the baseline.
        var full = Meter(3, 1_000, 10, 100, 100, 100, 100, 50, 50, 50, 250);
        var late = Meter(7, 1_000, 10, 50, 50, 50, 50);
        var idle = Meter(3, 1_000, 10, 100, 100, 100, 100, 0, 0, 0, 0);
        var window = new AreaWindow([], Hourly(2, 500), Meters(full, late, idle), 0);

        AreaObservations.Households(window).Should().Equal(
            [new HouseholdWindow(DeviceId.Parse("MTR-000"), ConsumedWh: 400, BaselineWh: 400, Steps: 4, PeakWh: 250)],
            "the second meter's register at the start of hour 1 is unknown; the third used nothing in the window");
        AreaObservations.Households(window with { Feeder = [] }).Should().BeEmpty();
        var coarse = Meter(3, 1_000, 10, 100, 100, 100, 100, 50, 50, 50, 250).RemoveRange(5, 3);
        AreaObservations.Households(window with { Meters = Meters(coarse) }).Should().BeEmpty("one reading spans the window: its load factor would be 1 whatever the household did");

        // A register jumping across the whole signed range does not wrap into a use.
        var bogus = Meter(3, long.MinValue + 10, 0, 0, 0, 0, 0, 0, 0, 0, 0).SetItem(8, new RegisterReading(Start + (Quarter * 11), Start + (Quarter * 12), long.MaxValue));
        AreaObservations.Households(window with { Meters = Meters(bogus) }).Should().BeEmpty();
        AreaObservations.Losses(Hourly(2, 500), [bogus], Start.AddHours(2), Start.AddHours(3)).Should().Be(0, "128-bit sums: the bogus use exceeds the feeder instead of wrapping negative");
    }

    [Fact]
    public void Household_scores_follow_the_A6_formula_in_integers_and_the_best_share_the_budget()
    {
        static HouseholdWindow H(string id, long consumed, long baseline, int steps, long peak) => new(DeviceId.Parse(id), consumed, baseline, steps, peak);
        HouseholdWindow[] households =
        [
            H("MTR-A", 400, 400, 4, 100), // baseline 500,000; flat: load 1,000,000; lowest use: cohort 1,000,000
            H("MTR-B", 600, 400, 4, 300), // half again as much: baseline 0; load 500,000; cohort 0
            H("MTR-C", 500, 1_000, 4, 125), // half of before: baseline 1,000,000; load 1,000,000; cohort 500,000
        ];

        HouseholdRewards.Score(households).Should().Equal(
            (DeviceId.Parse("MTR-A"), ((3 * 500_000L) + (2 * 1_000_000L) + (2 * 1_000_000L)) / 7),
            (DeviceId.Parse("MTR-B"), ((3 * 0L) + (2 * 0L) + (2 * 500_000L)) / 7),
            (DeviceId.Parse("MTR-C"), ((3 * 1_000_000L) + (2 * 500_000L) + (2 * 1_000_000L)) / 7));

        var rewards = HouseholdRewards.Of(households, new EfficiencyParameters { RewardBudget = 1_000, RewardedHouseholds = 2 });
        rewards.Select(r => r.Household.Value).Should().Equal("MTR-C", "MTR-A");
        rewards.Sum(r => (long)r.Credits).Should().Be(1_000, "the whole budget is handed out");
        FluentActions.Invoking(() => HouseholdRewards.Score([households[0], households[0]])).Should().Throw<ArgumentException>().WithMessage("*MTR-A*twice*");

        // The baseline part floors (POEF §8): using 4 against 3 is ⌊-10⁶/3⌋ = -333,334 below the middle.
        HouseholdRewards.Score([H("MTR-D", 4, 3, 1, 4)]).Single().Score.Should().Be(((3 * (500_000L - 333_334)) + (2 * 500_000L) + (2 * 1_000_000L)) / 7);
        HouseholdRewards.Score([H("MTR-E", long.MaxValue, 1, 1, long.MaxValue)]).Single().Score.Should().Be(((3 * 0L) + (2 * 500_000L) + (2 * 1_000_000L)) / 7, "a huge use clips the baseline part at 0");
    }
}
