using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class HouseholdLoadModelTests
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Monday = new(2025, 1, 6, 0, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Same_parameters_seed_household_and_time_give_bit_identical_values()
    {
        var first = Series(new HouseholdLoadModel(TestParameters.TwoArchetypes, 11), 5, Monday, 3 * 96);
        var second = Series(new HouseholdLoadModel(TestParameters.TwoArchetypes, 11), 5, Monday, 3 * 96);

        second.Should().Equal(first);
    }

    [Fact]
    public void A_different_seed_or_household_gives_different_values()
    {
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 11);
        var reference = Series(model, 5, Monday, 96);

        Series(new HouseholdLoadModel(TestParameters.TwoArchetypes, 12), 5, Monday, 96).Should().NotEqual(reference);
        Series(model, 6, Monday, 96).Should().NotEqual(reference);
        model.CreateTraits(5).Should().Be(model.CreateTraits(5)).And.NotBe(model.CreateTraits(6));
    }

    [Fact]
    public void Values_do_not_depend_on_where_or_in_which_order_a_household_is_asked()
    {
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 3);
        var fromMonday = Series(model, 42, Monday, 5 * 96);

        var lateStart = 2 * 96 + 37;
        var fromWednesday = Series(model, 42, Monday + (Quarter * lateStart), (5 * 96) - lateStart);
        var traits = model.CreateTraits(42);
        var state = default(HouseholdLoadState);
        var backwards = Enumerable.Range(0, 5 * 96).Reverse()
            .Select(i => model.NextIntervalKWh(traits, ref state, Monday + (Quarter * i), Quarter)).Reverse().ToArray();

        fromWednesday.Should().Equal(fromMonday[lateStart..]);
        backwards.Should().Equal(fromMonday);
    }

    [Fact]
    public void Pinned_values_never_change_across_machines_or_versions()
    {
        // Hand-made parameters (independent of the calibration), seed 2024, household 3,
        // the first quarter-hours of 15 January 2024 UTC. Every operation on the way is an IEEE
        // addition, multiplication, division or square root, so these are the same on every machine.
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 2024, new ConstantTemperature(2.5));
        var values = Series(model, 3, new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero), 4);

        values.Should().Equal(PinnedValues);
    }

    private static readonly double[] PinnedValues = [0.008441752130113167, 0.010853306698095373, 0.016211194057141127, 0.03092847005034648];

    public static TheoryData<string> ParameterSets => ["hand-made", "default"];

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Values_are_never_negative_nor_infinite_even_over_daylight_saving_changes(string parameterSet)
    {
        var model = new HouseholdLoadModel(Parameters(parameterSet), 99);
        var starts = new[] { new DateTimeOffset(2025, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 24, 0, 0, 0, TimeSpan.Zero) };
        foreach (var start in starts)
        {
            for (var h = 0; h < 300; h++)
            {
                Series(model, h, start, 5 * 96).Should().OnlyContain(v => v >= 0 && double.IsFinite(v));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(1440)]
    public void Intervals_of_any_length_dividing_a_day_add_up_to_the_quarter_hours_within_1e_minus_12(int minutes)
    {
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 5);
        var days = 2;
        var quarters = Series(model, 8, Monday, days * 96);
        var length = TimeSpan.FromMinutes(minutes);
        var intervals = Series(model, 8, Monday, days * 1440 / minutes, length);

        intervals.Sum().Should().BeApproximately(quarters.Sum(), 1e-12 * quarters.Sum());
        if (minutes > 15)
        {
            var perInterval = minutes / 15;
            for (var i = 0; i < intervals.Length; i++)
            {
                // Longer intervals are the quarter-hours added in order: equal to the last bit.
                intervals[i].Should().Be(quarters.Skip(i * perInterval).Take(perInterval).Aggregate(0.0, (sum, v) => sum + v));
            }
        }
        else
        {
            var perQuarter = 15 / minutes;
            for (var q = 0; q < quarters.Length; q++)
            {
                intervals.Skip(q * perQuarter).Take(perQuarter).Sum().Should().BeApproximately(quarters[q], 1e-12 * quarters[q]);
            }
        }
    }

    [Fact]
    public void An_interval_not_on_the_quarter_hour_grid_gets_its_share_of_each_quarter_hour()
    {
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 5);
        var quarters = Series(model, 8, Monday, 2);
        var traits = model.CreateTraits(8);
        var state = default(HouseholdLoadState);

        var straddling = model.NextIntervalKWh(traits, ref state, Monday + TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

        straddling.Should().BeApproximately((quarters[0] / 3) + (quarters[1] / 3), 1e-15);
    }

    [Fact]
    public void A_household_costs_56_bytes_traits_and_state_together()
    {
        Unsafe.SizeOf<HouseholdTraits>().Should().Be(32);
        Unsafe.SizeOf<HouseholdLoadState>().Should().Be(24);
        Marshal.SizeOf<HouseholdLoadState>().Should().Be(24);
        (Unsafe.SizeOf<HouseholdTraits>() + Unsafe.SizeOf<HouseholdLoadState>()).Should().BeLessThan(64);
    }

    [Fact]
    public void Generating_values_allocates_nothing()
    {
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 1);
        var traits = Enumerable.Range(0, 100).Select(i => model.CreateTraits(i)).ToArray();
        var states = new HouseholdLoadState[traits.Length];
        var sink = 0.0;
        void Run()
        {
            for (var day = 0; day < 3; day++)
            {
                for (var h = 0; h < traits.Length; h++)
                {
                    for (var q = 0; q < 96; q++)
                    {
                        sink += model.NextIntervalKWh(traits[h], ref states[h], Monday.AddDays(day) + (Quarter * q), Quarter);
                    }
                }
            }
        }

        Run(); // fills the model's calendar cache for these days
        Array.Clear(states);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        sink.Should().BePositive();
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Archetype_shares_of_a_fleet_of_10000_match_the_parameters_within_0_002(string parameterSet)
    {
        var parameters = Parameters(parameterSet);
        var model = new HouseholdLoadModel(parameters, 17);
        var archetypes = Enumerable.Range(0, 10_000).Select(i => model.CreateTraits(i).Archetype).ToList();

        for (var a = 0; a < parameters.Archetypes.Length; a++)
        {
            (archetypes.Count(x => x == a) / 10_000.0).Should().BeApproximately(parameters.Archetypes[a].Share, 0.002);
        }
    }

    [Fact]
    public void Expected_daily_energy_is_the_level_at_the_reference_temperature_within_2_percent()
    {
        var parameters = TestParameters.TwoArchetypes;
        var model = new HouseholdLoadModel(parameters, 8, new ConstantTemperature(parameters.ReferenceTemperatureC));
        var ratios = new List<double>();
        for (var h = 0; h < 200; h++)
        {
            var traits = model.CreateTraits(h);
            var values = Series(model, h, Monday, 28 * 96);
            ratios.Add(values.Sum() / 28 / traits.DailyEnergyKWh);
        }

        ratios.Average().Should().BeApproximately(1, 0.02);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1441)]
    public void A_duration_not_in_zero_to_one_day_is_rejected(int minutes)
    {
        var model = new HouseholdLoadModel(TestParameters.TwoArchetypes, 1);
        var traits = model.CreateTraits(0);
        var state = default(HouseholdLoadState);

        var ask = () => model.NextIntervalKWh(traits, ref state, Monday, TimeSpan.FromMinutes(minutes));

        ask.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("duration");
    }

    private static LoadModelParameters Parameters(string parameterSet) =>
        parameterSet == "default" ? LoadModelParameters.Default : TestParameters.TwoArchetypes;

    private static double[] Series(HouseholdLoadModel model, long household, DateTimeOffset start, int count, TimeSpan? length = null)
    {
        var traits = model.CreateTraits(household);
        var state = default(HouseholdLoadState);
        var values = new double[count];
        model.FillIntervalsKWh(traits, ref state, start, length ?? Quarter, values);
        return values;
    }
}
