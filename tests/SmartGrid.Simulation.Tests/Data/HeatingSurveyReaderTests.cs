using SmartGrid.Simulation.Data;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Data;

[Collection(SwissDataCollection.Name)]
public sealed class HeatingSurveyReaderTests(SwissDataFixture data)
{
    [Fact]
    public void The_survey_has_550_households_with_mostly_empty_answers()
    {
        var households = data.Survey.Households;

        households.Should().HaveCount(550);
        households.Values.Count(h => h.HeatingType == "heat pump").Should().Be(86);
        households.Values.Count(h => h.HeatingType == "electric heating").Should().Be(58);
        households.Values.Count(h => h.HeatingType is null).Should().Be(398);
    }

    [Fact]
    public void Quoted_answers_are_read_without_quotes_and_empty_ones_are_null()
    {
        data.Survey.Households[8775499].Should().Be(new HeatingSurvey(8775499, "single family house", "heat pump", "geothermal", "<10 years"));
        data.Survey.Households[7855756].Should().Be(new HeatingSurvey(7855756, null, null, null, null));
    }

    [Fact]
    public void A_survey_line_with_a_missing_answer_column_fails_with_its_line()
    {
        using var csv = Csv.Stream("\"VID\",\"household_type\",\"heating_type\",\"survey_WP_type\",\"survey_WP_age\"", "1,,,,", "2,,,");

        var read = () => HeatingSurveyReader.Read(csv, "survey.csv");

        var error = read.Should().Throw<LoadDataFormatException>().Which;
        error.Kind.Should().Be(LoadDataErrorKind.WrongFieldCount);
        error.LineNumber.Should().Be(3);
    }
}
