using System.IO.Compression;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

/// <summary>
/// The real 1-minute voltage of one household near Paris (UCI, 16 Dec 2006 - 11 Jan 2007). Every expected
/// figure is computed here from the data by a second, plain route and compared with the library's.
/// </summary>
public sealed class UciRealVoltageTests
{
    private static readonly Lazy<UciHouseholdPower> Data =
        new(() => UciHouseholdPowerReader.ReadFile(RepositoryData.UciHouseholdFile, TimeSpan.FromHours(1)));

    [Fact]
    public void Every_row_of_the_file_is_read_and_its_gaps_are_counted()
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryData.UciHouseholdFile), CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        var rows = text.ReadToEnd().Split('\n').Skip(1).Count(l => l.Trim().Length > 0);
        var times = Data.Value.Times;
        var missingMinutes = times.Zip(times.Skip(1), (a, b) => (int)(b - a).TotalMinutes - 1).Sum();

        Data.Value.Times.Should().HaveCount(rows);
        Data.Value.Voltage().MissingIntervals().Should().Be(missingMinutes + Data.Value.VoltageV.Count(double.IsNaN));
        missingMinutes.Should().BeGreaterThan(0, "the slice has missing minutes, which must be seen as gaps");
    }

    [Fact]
    public void At_230_V_every_complete_week_complies_with_EN_50160_and_no_event_occurs()
    {
        var voltage = Data.Value.Voltage();
        var valid = Data.Value.VoltageV.Where(v => !double.IsNaN(v)).ToList();
        var (min, max) = (valid.Min(), valid.Max());
        var window = TimeSpan.FromMinutes(10).Ticks;
        var firstWindow = voltage.Times[0].UtcTicks / window;
        var lastWindow = voltage.Times[^1].UtcTicks / window;
        var wholeWeeks = (int)((lastWindow + 1 - firstWindow) * window / TimeSpan.FromDays(7).Ticks);

        var report = En50160Compliance.Assess(voltage);
        var en = En50160EventDetector.DetectVoltageEvents(voltage);
        var ieee = Ieee1159EventDetector.DetectVoltageEvents(voltage);

        // Every minute lies within 207-253 V, so every 10-minute value does, and nothing crosses a threshold.
        (min >= 207 && max <= 253).Should().BeTrue($"the data ranges {min}-{max} V");
        report.Weeks.Count(w => w.IsComplete).Should().Be(wholeWeeks);
        wholeWeeks.Should().BeGreaterThanOrEqualTo(3);
        report.Weeks.Where(w => w.IsComplete).Should().OnlyContain(w => w.Compliant && w.Phases[0].ShareWithinBandPercent == 100);
        report.Weeks.Should().OnlyContain(w => w.Phases[0].Minimum >= min && w.Phases[0].Maximum <= max);
        report.Compliant.Should().BeTrue();
        en.Should().BeEmpty();
        ieee.Should().BeEmpty();
    }

    [Fact]
    public void At_the_old_French_nominal_of_220_V_the_same_supply_fails_and_the_shares_match_a_plain_count()
    {
        var thresholds = new PowerQualityThresholds { NominalVoltage = 220 };
        var voltage = Data.Value.Voltage();

        var report = En50160Compliance.Assess(voltage, thresholds: thresholds);
        var ieee = Ieee1159EventDetector.DetectVoltageEvents(voltage, thresholds);

        var tenMinute = Data.Value.Times.Zip(Data.Value.VoltageV)
            .Where(p => !double.IsNaN(p.Second))
            .GroupBy(p => p.First.UtcTicks / TimeSpan.FromMinutes(10).Ticks)
            .Select(g => (Start: new DateTimeOffset(g.Key * TimeSpan.FromMinutes(10).Ticks, TimeSpan.Zero), Value: Math.Sqrt(g.Average(p => p.Second * p.Second))))
            .ToList();
        foreach (var week in report.Weeks)
        {
            var inWeek = tenMinute.Where(v => v.Start >= week.Start && v.Start < week.End).ToList();
            var share = 100.0 * inWeek.Count(v => v.Value >= 198 && v.Value <= 242) / inWeek.Count;
            week.Phases[0].Values.Should().Be(inWeek.Count);
            week.Phases[0].ShareWithinBandPercent.Should().BeApproximately(share, 1e-9);
        }

        report.Weeks.Where(w => w.IsComplete).Should().Contain(w => !w.Compliant);
        report.Compliant.Should().BeFalse();
        ieee.Should().Contain(e => e.Kind == PowerQualityEventKind.Overvoltage);
        ieee.Where(e => e.Kind is PowerQualityEventKind.Overvoltage or PowerQualityEventKind.Swell)
            .Should().OnlyContain(e => e.Extreme > 242 && e.Extreme <= Data.Value.VoltageV.Where(v => !double.IsNaN(v)).Max());
    }
}
