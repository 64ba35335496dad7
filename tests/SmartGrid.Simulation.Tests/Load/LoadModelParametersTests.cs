using System.Text.Json;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class LoadModelParametersTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Json_round_trip_keeps_every_value(bool calibratedDefaults)
    {
        var json = (calibratedDefaults ? LoadModelParameters.Default : TestParameters.TwoArchetypes).ToJson();

        LoadModelParameters.FromJson(json).ToJson().Should().Be(json);
    }

    [Fact]
    public void Inconsistent_parameters_are_listed_and_rejected()
    {
        var archetype = TestParameters.TwoArchetypes.Archetypes[0];
        var broken = TestParameters.TwoArchetypes with
        {
            MinimumSeasonalFactor = 0,
            Archetypes =
            [
                archetype with { Share = 0.5, WeekdayProfile = archetype.WeekdayProfile.RemoveAt(0) },
                archetype with { Name = "B", Share = 0.4, TemperatureSlopePerC = -0.1, DailyEnergyQuantilesKWh = [5, 3] },
            ],
        };

        var errors = broken.Validate();

        errors.Should().HaveCount(5);
        errors.Should().Contain(e => e.Contains("MinimumSeasonalFactor", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("shares must sum to 1", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("Weekday profile must hold 96", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("B: TemperatureSlopePerC", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("B: level quantiles must not decrease", StringComparison.Ordinal));
        var create = () => new HouseholdLoadModel(broken, 1);
        create.Should().Throw<ArgumentException>().WithMessage("Invalid load model parameters:*");
        var read = () => LoadModelParameters.FromJson(broken.ToJson());
        read.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Malformed_json_is_a_json_error()
    {
        var read = () => LoadModelParameters.FromJson("{ \"archetypes\": 3 }");

        read.Should().Throw<JsonException>();
    }

    [Fact]
    public void An_unknown_time_zone_is_reported_when_the_model_is_built()
    {
        var create = () => new HouseholdLoadModel(TestParameters.TwoArchetypes with { TimeZoneId = "Mars/Olympus_Mons" }, 1);

        create.Should().Throw<TimeZoneNotFoundException>();
    }
}
