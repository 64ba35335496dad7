using SmartGrid.Simulation.Data;
using SmartGrid.Simulation.Tests.Support;

namespace SmartGrid.Simulation.Tests.Data;

[Collection(SwissDataCollection.Name)]
public sealed class SwissLoadDataReaderTests(SwissDataFixture data)
{
    // SHA-256 of the uncompressed files, as published in ../shared/data/README.md.
    public static readonly Dictionary<string, string> PublishedSha256 = new()
    {
        ["elcons_15min_w44.csv.gz"] = "387095598804370dc4d971dabd3610c193b78eb93572f2ebb1b8e0256fc9a51c",
        ["elcons_15min_w45.csv.gz"] = "dca18a4b9a4b11ef7ade7d6edd838d6dc9dcd587faeadfbe942db4d0678ea585",
        ["elcons_15min_w46.csv.gz"] = "6229f5d06b1a64270315fda38b8e4e7d489542afa9879b5133e19c76d727b0dd",
        ["elcons_15min_w47.csv.gz"] = "8f3fee6be48ebaa669f36e73d4e203b1958a672bba686394ae89b70555868ae0",
        ["elcons_15min_w48.csv.gz"] = "d7e7c6ee900b4bdd13de06c351e038e329fc4fcf30e04b31fab49ff7e674c45d",
        ["elcons_15min_w49.csv.gz"] = "062d8b65975a148a66f05098b7bbe0cb33599eb1883cfa763efe5c3a396340e1",
        ["elcons_15min_w50.csv.gz"] = "130a1a5d0b024d22d6844d9755f49b29c42d7cee76ed016baf6826b684e4a4ed",
        ["heatinginfo_15min.csv.gz"] = "3a7a5303a7db3698804a8d39a5f8535a6dcb7f813fe53f6f4701b676ff6f4aff",
        ["weather_data.csv.gz"] = "d98751f32a15445db2c859b7b3cda81ea4cf6e64d4506d4356b1ed2cc3bb02c7",
    };

    [Fact]
    public void Seven_weeks_of_537_households_are_read_from_Monday_29_October_2018()
    {
        data.Load.HouseholdIds.Should().HaveCount(537).And.OnlyHaveUniqueItems();
        data.Load.DayCount.Should().Be(49);
        data.Load.FirstDay.Should().Be(new DateOnly(2018, 10, 29));
        data.Load.FirstDay.DayOfWeek.Should().Be(DayOfWeek.Monday);
        data.Load.Series(0).Length.Should().Be(49 * 96);
        data.Load.Files.Select(f => f.Name).Should().Equal(Enumerable.Range(44, 7).Select(w => $"elcons_15min_w{w}.csv.gz"));
    }

    [Fact]
    public void Every_file_read_has_the_published_checksum()
    {
        var files = data.Load.Files.Append(data.Weather.File).Append(data.Survey.File).ToList();
        files.Should().HaveCount(9);
        foreach (var file in files)
        {
            file.Sha256.Should().Be(PublishedSha256[file.Name], file.Name);
        }
    }

    [Fact]
    public void The_15_negative_values_are_kept_as_read_and_counted()
    {
        data.Load.NegativeValueCount.Should().Be(15);
        var negatives = Enumerable.Range(0, data.Load.HouseholdIds.Count).Sum(h => data.Load.Series(h).ToArray().Count(v => v < 0));
        negatives.Should().Be(15);
    }

    [Fact]
    public void A_well_formed_week_is_read_with_its_values_and_negative_count()
    {
        using var csv = Csv.Stream(Csv.WeeklyHeader(), Csv.WeeklyRow("42", value: i => i == 3 ? "-1.5" : "0.25"), Csv.WeeklyRow("7"));
        var week = SwissLoadDataReader.ReadWeek(csv, "test.csv", 45);

        week.IsoWeek.Should().Be(45);
        week.HouseholdIds.Should().Equal(42L, 7L);
        week.NegativeValueCount.Should().Be(1);
        week.Values(0)[2].Should().Be(-1.5);
        week.Values(0)[0].Should().Be(0.25);
        week.File.DataLines.Should().Be(2);
        week.File.Sha256.Should().HaveLength(64);
    }

    public static TheoryData<string, string[], LoadDataErrorKind, int, int> MalformedWeeks => new()
    {
        { "empty input", [], LoadDataErrorKind.MissingHeader, 0, 0 },
        { "header only", [Csv.WeeklyHeader()], LoadDataErrorKind.NoData, 0, 0 },
        { "first column not VID", ["ID" + Csv.WeeklyHeader()[3..]], LoadDataErrorKind.BadHeader, 1, 1 },
        { "a value column missing", [Csv.WeeklyHeader(671)], LoadDataErrorKind.BadHeader, 1, 0 },
        { "value columns out of order", [Csv.WeeklyHeader().Replace("V002,V003", "V003,V002", StringComparison.Ordinal)], LoadDataErrorKind.BadHeader, 1, 3 },
        { "short line", [Csv.WeeklyHeader(), Csv.WeeklyRow("1", 600)], LoadDataErrorKind.WrongFieldCount, 2, 0 },
        { "text value", [Csv.WeeklyHeader(), Csv.WeeklyRow("1", value: i => i == 5 ? "abc" : "0.1")], LoadDataErrorKind.BadValue, 2, 6 },
        { "NA value", [Csv.WeeklyHeader(), Csv.WeeklyRow("1"), Csv.WeeklyRow("2", value: i => i == 672 ? "NA" : "0.1")], LoadDataErrorKind.BadValue, 3, 673 },
        { "infinite value", [Csv.WeeklyHeader(), Csv.WeeklyRow("1", value: i => i == 1 ? "1e400" : "0.1")], LoadDataErrorKind.BadValue, 2, 2 },
        { "non-numeric id", [Csv.WeeklyHeader(), Csv.WeeklyRow("x12")], LoadDataErrorKind.BadHouseholdId, 2, 1 },
        { "negative id", [Csv.WeeklyHeader(), Csv.WeeklyRow("-3")], LoadDataErrorKind.BadHouseholdId, 2, 1 },
        { "duplicate household", [Csv.WeeklyHeader(), Csv.WeeklyRow("9"), Csv.WeeklyRow("9")], LoadDataErrorKind.DuplicateHousehold, 3, 1 },
        { "unterminated quote", [Csv.WeeklyHeader(), "\"1," + Csv.WeeklyRow("1")[2..]], LoadDataErrorKind.UnterminatedQuote, 2, 0 },
    };

    [Theory]
    [MemberData(nameof(MalformedWeeks))]
    public void Malformed_week_fails_with_a_typed_error_naming_file_line_and_field(string problem, string[] lines, LoadDataErrorKind kind, int line, int field)
    {
        using var csv = Csv.Stream(lines);

        var read = () => SwissLoadDataReader.ReadWeek(csv, "week.csv", 44);

        var error = read.Should().Throw<LoadDataFormatException>(problem).Which;
        error.Kind.Should().Be(kind);
        error.InputName.Should().Be("week.csv");
        error.LineNumber.Should().Be(line);
        error.Field.Should().Be(field);
        error.Message.Should().StartWith("week.csv").And.Contain(kind.ToString());
    }

    [Fact]
    public void Weeks_that_are_not_consecutive_do_not_join()
    {
        var week44 = Week(44, "1", "2");
        var week46 = Week(46, "1", "2");

        var join = () => SwissLoadDataReader.Join([week44, week46]);

        join.Should().Throw<LoadDataFormatException>().Which.Kind.Should().Be(LoadDataErrorKind.InconsistentFiles);
    }

    [Fact]
    public void Weeks_with_different_households_do_not_join()
    {
        var join = () => SwissLoadDataReader.Join([Week(44, "1", "2"), Week(45, "1", "3")]);

        var error = join.Should().Throw<LoadDataFormatException>().Which;
        error.Kind.Should().Be(LoadDataErrorKind.InconsistentFiles);
        error.Message.Should().Contain("household 3");
    }

    [Fact]
    public void Joined_weeks_follow_the_households_of_the_first_week_in_any_order()
    {
        var joined = SwissLoadDataReader.Join([Week(44, "1", "2"), Week(45, "2", "1")]);

        joined.HouseholdIds.Should().Equal(1L, 2L);
        joined.DayCount.Should().Be(14);
        joined.FirstDay.Should().Be(new DateOnly(2018, 10, 29));
        joined.Series(1)[672].Should().Be(2.0, "household 2's second week comes from the first line of week 45");
    }

    [Fact]
    public void A_missing_directory_is_reported_as_such()
    {
        var read = () => SwissLoadDataReader.ReadDirectory(Path.Combine(Path.GetTempPath(), "no-such-swiss-data-" + Guid.NewGuid()));

        read.Should().Throw<DirectoryNotFoundException>();
    }

    private static SwissLoadWeek Week(int isoWeek, params string[] ids)
    {
        using var csv = Csv.Stream([Csv.WeeklyHeader(), .. ids.Select(id => Csv.WeeklyRow(id, value: _ => id))]);
        return SwissLoadDataReader.ReadWeek(csv, $"w{isoWeek}.csv", isoWeek);
    }
}
