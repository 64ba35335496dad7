using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Tests.Data;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Load;

[Collection(SwissDataCollection.Name)]
public sealed class CalibrationTests(SwissDataFixture data)
{
    [Fact]
    public void Recalibrating_on_the_Swiss_data_reproduces_the_embedded_defaults_to_1e_minus_5_relative()
    {
        // The calibrator rounds every fitted number to 6 significant digits, so on one machine the
        // result is identical; 1e-5 relative leaves room for a last-digit flip where another
        // platform's Math.Log rounds differently.
        var differences = JsonDifferences.Between(LoadModelParameters.Default.ToJson(), data.Calibrated.ToJson(), 1e-5);

        differences.Should().BeEmpty(
            "the shipped defaults must be exactly what the calibrator makes of the data; if the calibrator changed on purpose, copy {0} over src/SmartGrid.Simulation/Load/LoadModelParameters.Default.json",
            data.CalibratedJsonPath);
    }

    [Fact]
    public void Calibration_records_its_data_exclusions_and_artefacts()
    {
        var info = data.Calibrated.Calibration!;

        info.HouseholdsRead.Should().Be(537);
        info.HouseholdsUsed.Should().Be(530);
        info.ExcludedAllZero.Should().HaveCount(6);
        info.ExcludedNonResidential.Should().Equal(2046645L);
        info.NegativeValues.Should().Be(15);
        info.Days.Should().Be(49);
        info.FirstDay.Should().Be(new DateOnly(2018, 10, 29));
        info.MeasuredTemperatureDays.Should().Be(43);
        info.Files.Should().HaveCount(9).And.OnlyContain(f => SwissLoadDataReaderTests.PublishedSha256[f.Name] == f.Sha256);
        info.Options.Should().BeEquivalentTo(new LoadModelCalibratorOptions());
    }

    [Fact]
    public void The_reference_temperature_is_the_mean_of_the_calibration_days()
    {
        data.Calibrated.ReferenceTemperatureC.Should().BeApproximately(data.Temperatures.MeanC, 1e-4);
        data.Calibrated.ReferenceTemperatureC.Should().BeInRange(3, 7);
    }

    [Fact]
    public void Night_heavy_archetypes_are_the_surveyed_electric_heating_households()
    {
        var archetypes = data.Calibrated.Archetypes;
        var night = archetypes.Where(a => a.NightShare > 0.6).ToList();
        var day = archetypes.Where(a => a.NightShare < 0.5).ToList();

        night.Should().NotBeEmpty();
        night.Should().OnlyContain(a => a.SurveyedHeatingTypes.MaxBy(kv => kv.Value).Key == "electric heating");
        day.Should().OnlyContain(a => a.SurveyedHeatingTypes.MaxBy(kv => kv.Value).Key == "heat pump");
        night.Should().OnlyContain(a => a.TemperatureSlopePerC > day.Max(d => d.TemperatureSlopePerC), "storage heaters follow the cold more than heat pumps");
    }

    [Fact]
    public void Every_archetype_uses_more_energy_in_the_cold()
    {
        data.Calibrated.Archetypes.Should().OnlyContain(a => a.TemperatureSlopePerC > 0.02 && a.TemperatureSlopePerC < 0.2);
    }
}
