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
    public void Json_round_trip_of_the_defaults_keeps_every_value()
    {
        var json = LoadModelParameters.Default.ToJson();

        LoadModelParameters.FromJson(json).ToJson().Should().Be(json);
    }

    [Fact]
    public void Archetype_shares_of_a_default_fleet_match_the_calibration_within_0_002()
    {
        var model = new HouseholdLoadModel(LoadModelParameters.Default, 17);
        var archetypes = Enumerable.Range(0, 10_000).Select(i => model.CreateTraits(i).Archetype).ToList();

        for (var a = 0; a < LoadModelParameters.Default.Archetypes.Length; a++)
        {
            (archetypes.Count(x => x == a) / 10_000.0).Should().BeApproximately(LoadModelParameters.Default.Archetypes[a].Share, 0.002);
        }
    }

    [Fact]
    public void Default_households_are_never_negative_over_both_daylight_saving_changes()
    {
        var model = new HouseholdLoadModel(LoadModelParameters.Default, 99);
        var values = new double[5 * 96];
        foreach (var start in new[] { new DateTimeOffset(2025, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 24, 0, 0, 0, TimeSpan.Zero) })
        {
            for (var h = 0; h < 300; h++)
            {
                var traits = model.CreateTraits(h);
                var state = default(HouseholdLoadState);
                model.FillIntervalsKWh(traits, ref state, start, HouseholdLoadModel.Resolution, values);
                values.Should().OnlyContain(v => v >= 0 && double.IsFinite(v));
            }
        }
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
