using SmartGrid.Simulation.Data;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Data;

[Collection(SwissDataCollection.Name)]
public sealed class WeatherDataReaderTests(SwissDataFixture data)
{
    [Fact]
    public void TEMP_is_Fahrenheit_so_the_reader_converts_it_to_plausible_Swiss_autumn_Celsius()
    {
        var hours = data.Weather.Hours;
        var rawFahrenheit = hours.Select(h => (h.TemperatureC * 9 / 5) + 32).ToList();

        // Read as Celsius, the raw column would average about 40 °C in November and December: impossible in Switzerland.
        rawFahrenheit.Average().Should().BeInRange(35, 45);
        // As Fahrenheit converted to Celsius it is a plausible late-autumn range and mean.
        hours.Min(h => h.TemperatureC).Should().BeInRange(-15, 0);
        hours.Max(h => h.TemperatureC).Should().BeInRange(10, 20);
        hours.Average(h => h.TemperatureC).Should().BeInRange(2, 8);
    }

    [Fact]
    public void The_first_hour_of_week_44_is_37_125_F_which_is_2_85_C()
    {
        var hour = data.Weather.Hours.Single(h => h.TimeCet == new DateTime(2018, 10, 29, 0, 0, 0));

        hour.TemperatureC.Should().BeApproximately((37.125 - 32) * 5 / 9, 1e-12);
    }

    [Fact]
    public void Days_with_too_few_hours_are_interpolated_between_measured_days()
    {
        var days = data.Temperatures;

        days.DayCount.Should().Be(49);
        days.MeasuredDayCount.Should().Be(43, "19 to 21 November have no hours, 16 and 22 November too few");
        var gap = Enumerable.Range(0, 49).Where(d => !days.IsMeasured(d)).ToList();
        gap.Should().Equal(Enumerable.Range(19, 6)); // 17 to 22 November
        var before = days[18];
        var after = days[25];
        days[20].Should().BeApproximately(before + ((after - before) * 2 / 7), 1e-12);
    }

    [Fact]
    public void A_weather_file_without_TEMP_fails_with_a_typed_error()
    {
        using var csv = Csv.Stream("\"DATE_CET\",\"WIND_SPEED\"", "\"2018-10-29 00:00:00\",3");

        var read = () => WeatherDataReader.Read(csv, "weather.csv");

        var error = read.Should().Throw<LoadDataFormatException>().Which;
        error.Kind.Should().Be(LoadDataErrorKind.BadHeader);
        error.Message.Should().Contain("TEMP");
    }

    [Fact]
    public void A_bad_timestamp_fails_with_line_and_field()
    {
        using var csv = Csv.Stream("\"DATE_CET\",\"TEMP\"", "\"2018-10-29 00:00:00\",40", "\"29.10.2018 01:00\",41");

        var read = () => WeatherDataReader.Read(csv, "weather.csv");

        var error = read.Should().Throw<LoadDataFormatException>().Which;
        error.Kind.Should().Be(LoadDataErrorKind.BadTimestamp);
        error.LineNumber.Should().Be(3);
        error.Field.Should().Be(1);
    }

    [Fact]
    public void NA_temperatures_are_skipped()
    {
        using var csv = Csv.Stream("\"DATE_CET\",\"TEMP\"", "\"2018-10-29 00:00:00\",NA", "\"2018-10-29 01:00:00\",50");

        var weather = WeatherDataReader.Read(csv, "weather.csv");

        weather.Hours.Should().ContainSingle().Which.TemperatureC.Should().BeApproximately(10, 1e-12);
        weather.File.DataLines.Should().Be(2);
    }
}
