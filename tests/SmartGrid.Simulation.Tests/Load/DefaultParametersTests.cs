using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

/// <summary>What the shipped, calibrated defaults promise (their agreement with the data is checked by RealVersusSyntheticTests).</summary>
public sealed class DefaultParametersTests
{
    [Fact]
    public void The_embedded_defaults_load_validate_and_name_their_calibration()
    {
        var parameters = LoadModelParameters.Default;

        parameters.Validate().Should().BeEmpty();
        parameters.TimeZoneId.Should().Be("Europe/Zurich");
        parameters.Archetypes.Should().HaveCount(4);
        parameters.Archetypes.Sum(a => a.Share).Should().BeApproximately(1, 1e-12);
        parameters.Calibration.Should().NotBeNull();
        parameters.Calibration!.HouseholdsRead.Should().Be(537);
        parameters.Calibration.Source.Should().Contain("ResidentialEnergyConsumption").And.Contain("CC BY-SA 4.0");
    }

    [Fact]
    public void A_fleet_uses_less_in_summer_than_in_winter()
    {
        var model = new HouseholdLoadModel(LoadModelParameters.Default, 2);
        double Energy(DateTimeOffset start)
        {
            var total = 0.0;
            for (var h = 0; h < 200; h++)
            {
                var traits = model.CreateTraits(h);
                var state = default(HouseholdLoadState);
                for (var q = 0; q < 7 * 96; q++)
                {
                    total += model.NextIntervalKWh(traits, ref state, start + (HouseholdLoadModel.Resolution * q), HouseholdLoadModel.Resolution);
                }
            }

            return total;
        }

        var january = Energy(new DateTimeOffset(2025, 1, 13, 0, 0, 0, TimeSpan.FromHours(1)));
        var july = Energy(new DateTimeOffset(2025, 7, 14, 0, 0, 0, TimeSpan.FromHours(2)));

        (july / january).Should().BeInRange(0.3, 0.8);
    }
}
