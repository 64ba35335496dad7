using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

public sealed class UciHouseholdPowerReaderTests
{
    private const string Header = "Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;Sub_metering_1;Sub_metering_2;Sub_metering_3";
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    private static UciHouseholdPower Read(params string[] lines) =>
        UciHouseholdPowerReader.Read(new StringReader(string.Join("\r\n", lines)), Cet);

    [Fact]
    public void Reads_CRLF_rows_with_day_first_dates_and_question_marks_as_missing()
    {
        var data = Read(
            Header,
            "16/12/2006;17:24:00;4.216;0.418;234.840;18.400;0.000;1.000;17.000 ",
            "16/12/2006;17:25:00;?;?;?;?;?;?;",
            "1/1/2007;00:00:00;0.5;0.1;240.5;2.0;0;0;1",
            "");

        data.Times.Should().Equal(
            new DateTimeOffset(2006, 12, 16, 17, 24, 0, Cet),
            new DateTimeOffset(2006, 12, 16, 17, 25, 0, Cet),
            new DateTimeOffset(2007, 1, 1, 0, 0, 0, Cet));
        data.VoltageV[0].Should().Be(234.84);
        data.SubMetering3Wh[0].Should().Be(17.0);
        double.IsNaN(data.VoltageV[1]).Should().BeTrue();
        double.IsNaN(data.SubMetering3Wh[1]).Should().BeTrue();
        data.Voltage().SampleInterval.Should().Be(TimeSpan.FromMinutes(1));
        data.Voltage().IsGapBefore(2).Should().BeTrue();
    }

    [Theory]
    [InlineData("Date,Time,Voltage", "line 1: expected the UCI header*")]
    [InlineData(Header + "\r\n16/12/2006;17:24:00;1;2;3", "line 2: expected 9 fields, found 5*")]
    [InlineData(Header + "\r\n2006-12-16;17:24:00;1;1;230;1;0;0;0", "line 2: '2006-12-16 17:24:00' is not a d/m/yyyy*")]
    [InlineData(Header + "\r\n16/12/2006;17:24:00;1;1;23O;1;0;0;0", "line 2, field 5: '23O' is not a number*")]
    [InlineData(Header + "\r\n16/12/2006;17:24:00;1;1;230;1;0;0;0\r\n16/12/2006;17:23:00;1;1;230;1;0;0;0", "line 3: *is not after the previous row*")]
    [InlineData(Header, "*no row*")]
    public void Defects_are_reported_with_their_line(string text, string message)
    {
        var act = () => UciHouseholdPowerReader.Read(new StringReader(text), Cet);

        act.Should().Throw<AnalyticsInputException>().WithMessage(message);
    }
}
