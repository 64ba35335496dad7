using SmartGrid.Simulation.Fleet;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Fleet;

public sealed class FleetSpecTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static FleetSpec Spec(int meters = 10) => new() { Seed = 9, Meters = meters, Start = Start };

    [Fact]
    public void Meter_ids_are_numbered_from_one_with_seven_digits()
    {
        Spec().MeterId(0).Value.Should().Be("MTR-0000001");
        Spec().MeterId(1_234_566).Value.Should().Be("MTR-1234567");
    }

    [Theory]
    [InlineData(0, 15, 360, "1..10,000,000 meters")]
    [InlineData(5, 7, 360, "divide a day")]
    [InlineData(5, 15, 40, "whole number")]
    public void Invalid_specs_say_what_is_wrong(int meters, int intervalMinutes, int uploadMinutes, string message)
    {
        var spec = Spec(meters) with { Interval = TimeSpan.FromMinutes(intervalMinutes), UploadEvery = TimeSpan.FromMinutes(uploadMinutes) };

        spec.Validate().Should().Contain(message);
        var create = () => VirtualFleet.Create(spec, FleetHouseholds.For(Spec()));
        create.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Upload_slots_follow_the_cadence_from_the_fleet_start()
    {
        var slots = FleetRunner.UploadSlots(Spec(), Start.AddHours(7), Start.AddDays(1));

        slots.Should().Equal(Start.AddHours(12), Start.AddHours(18), Start.AddHours(24));
        FleetRunner.UploadSlots(Spec(), Start, Start.AddHours(5)).Should().BeEmpty();
    }

    [Fact]
    public void A_fleet_gives_every_meter_its_own_key_and_household_and_repeats_from_its_seed()
    {
        var spec = Spec(20);

        var first = VirtualFleet.Create(spec, FleetHouseholds.For(spec));
        var again = VirtualFleet.Create(spec, FleetHouseholds.For(spec));

        first.Meters.Select(m => m.Key.PublicKey).Should().OnlyHaveUniqueItems();
        first.Meters.Select(m => m.Key.PublicKey).Should().Equal(again.Meters.Select(m => m.Key.PublicKey));
        var loads = first.Meters.Select((_, i) => ((ModelHousehold)FleetHouseholds.For(spec)(i)).Traits.DailyEnergyKWh).ToList();
        loads.Distinct().Should().HaveCountGreaterThan(15, "households differ");
    }
}
