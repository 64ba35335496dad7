using System.Globalization;
using System.Text;
using SmartGrid.Simulation.Load;
using SmartGrid.Simulation.Tests.Support;
using Xunit.Abstractions;

namespace SmartGrid.Simulation.Tests.Load;

/// <summary>
/// A synthetic fleet of 537 households (seed 2018, the observed 2018 temperatures) against the
/// 530 real households the model was calibrated on, over the same 49 days. Tolerances are about
/// twice the spread seen between seeds (12 seeds): they allow for sampling, not for a broken model.
/// </summary>
[Collection(SwissDataCollection.Name)]
public sealed class RealVersusSyntheticTests(SwissDataFixture data, ITestOutputHelper output)
{
    private FleetComparison Comparison => data.Comparison;

    private LoadProfileSummary Real => Comparison.Real;

    private LoadProfileSummary Synthetic => Comparison.Synthetic;

    [Fact]
    public void Mean_and_median_daily_energy_across_households_match_within_5_percent()
    {
        Synthetic.DailyEnergyKWh.Mean.Should().BeApproximately(Real.DailyEnergyKWh.Mean, 0.05 * Real.DailyEnergyKWh.Mean);
        Synthetic.DailyEnergyKWh.Median.Should().BeApproximately(Real.DailyEnergyKWh.Median, 0.05 * Real.DailyEnergyKWh.Median);
    }

    [Fact]
    public void The_10th_and_90th_percentiles_of_daily_energy_match_within_10_percent()
    {
        Synthetic.DailyEnergyKWh.P10.Should().BeApproximately(Real.DailyEnergyKWh.P10, 0.10 * Real.DailyEnergyKWh.P10);
        Synthetic.DailyEnergyKWh.P90.Should().BeApproximately(Real.DailyEnergyKWh.P90, 0.10 * Real.DailyEnergyKWh.P90);
    }

    [Fact]
    public void Mean_daily_peak_to_average_ratio_matches_within_5_percent()
    {
        Real.MeanDailyPeakToAverage.Should().BeGreaterThan(4, "household quarter-hour load is spiky");
        Synthetic.MeanDailyPeakToAverage.Should().BeApproximately(Real.MeanDailyPeakToAverage, 0.05 * Real.MeanDailyPeakToAverage);
    }

    [Fact]
    public void Weekday_hour_of_day_profile_correlates_above_0_98_and_deviates_at_most_0_12_of_the_mean_hour()
    {
        LoadProfileStatistics.Correlation(Real.WeekdayHourlyProfile, Synthetic.WeekdayHourlyProfile).Should().BeGreaterThan(0.98);
        LoadProfileStatistics.MaxAbsoluteDeviation(Real.WeekdayHourlyProfile, Synthetic.WeekdayHourlyProfile).Should().BeLessThan(0.12);
    }

    [Fact]
    public void Weekend_hour_of_day_profile_correlates_above_0_98_and_deviates_at_most_0_12_of_the_mean_hour()
    {
        LoadProfileStatistics.Correlation(Real.WeekendHourlyProfile, Synthetic.WeekendHourlyProfile).Should().BeGreaterThan(0.98);
        LoadProfileStatistics.MaxAbsoluteDeviation(Real.WeekendHourlyProfile, Synthetic.WeekendHourlyProfile).Should().BeLessThan(0.12);
    }

    [Fact]
    public void Weekday_to_weekend_energy_ratio_matches_within_3_percent()
    {
        Synthetic.WeekdayWeekendRatio.Should().BeApproximately(Real.WeekdayWeekendRatio, 0.03 * Real.WeekdayWeekendRatio);
    }

    [Fact]
    public void Lag1_autocorrelation_of_quarter_hours_matches_within_0_02()
    {
        Synthetic.MeanLag1Autocorrelation.Should().BeApproximately(Real.MeanLag1Autocorrelation, 0.02);
    }

    [Fact]
    public void The_synthetic_fleet_has_no_negative_values()
    {
        Comparison.SyntheticSeries.Should().OnlyContain(series => series.All(v => v >= 0));
    }

    /// <summary>
    /// Prints the comparison table of docs/LOAD_MODEL.md (and writes it next to the test binaries):
    /// dotnet test tests/SmartGrid.Simulation.Tests --filter "FullyQualifiedName~Comparison_table" --logger "console;verbosity=detailed"
    /// </summary>
    [Fact]
    public void Comparison_table_for_the_documentation()
    {
        var table = ComparisonTable(Comparison);
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "load-model-comparison.md"), table);
        table.Should().Contain("| Mean daily energy");
    }

    private static string ComparisonTable(FleetComparison c)
    {
        var real = c.Real;
        var synthetic = c.Synthetic;
        var climate = c.SyntheticClimate;
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        string F(double v, string format = "0.000") => v.ToString(format, CultureInfo.InvariantCulture);
        string Relative(double s, double r) => ((s - r) / r).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture);
        string Absolute(double s, double r) => (s - r).ToString("+0.000;-0.000", CultureInfo.InvariantCulture);

        Line($"Real: {real.Households} households (537 less 6 all-zero and 1 non-residential), {real.Days} days from 2018-10-29.");
        Line($"Synthetic: {synthetic.Households} households, seed {FleetComparison.Seed}, same days; observed 2018 temperatures (asserted) and the assumed climate (for information).");
        Line("");
        Line("| Statistic | Real | Synthetic (2018 weather) | Difference | Tolerance | Synthetic (assumed climate) |");
        Line("| --- | ---: | ---: | ---: | --- | ---: |");
        void Relative3(string name, Func<LoadProfileSummary, double> get, string tolerance, string format = "0.00") =>
            Line($"| {name} | {F(get(real), format)} | {F(get(synthetic), format)} | {Relative(get(synthetic), get(real))} | {tolerance} | {F(get(climate), format)} |");
        Relative3("Mean daily energy, mean over households (kWh/day)", s => s.DailyEnergyKWh.Mean, "±5 %");
        Relative3("Mean daily energy, median (kWh/day)", s => s.DailyEnergyKWh.Median, "±5 %");
        Relative3("Mean daily energy, 10th percentile (kWh/day)", s => s.DailyEnergyKWh.P10, "±10 %");
        Relative3("Mean daily energy, 90th percentile (kWh/day)", s => s.DailyEnergyKWh.P90, "±10 %");
        Relative3("Mean daily peak-to-average ratio (quarter-hours)", s => s.MeanDailyPeakToAverage, "±5 %");
        Relative3("Weekday / weekend daily energy", s => s.WeekdayWeekendRatio, "±3 %", "0.000");
        Line($"| Lag-1 autocorrelation (15 min), mean over households | {F(real.MeanLag1Autocorrelation)} | {F(synthetic.MeanLag1Autocorrelation)} | {Absolute(synthetic.MeanLag1Autocorrelation, real.MeanLag1Autocorrelation)} | ±0.02 | {F(climate.MeanLag1Autocorrelation)} |");
        foreach (var (name, get) in new (string, Func<LoadProfileSummary, IReadOnlyList<double>>)[] { ("Weekday", s => s.WeekdayHourlyProfile), ("Weekend", s => s.WeekendHourlyProfile) })
        {
            Line($"| {name} hourly profile: correlation | 1 | {F(LoadProfileStatistics.Correlation(get(real), get(synthetic)), "0.0000")} | | > 0.98 | {F(LoadProfileStatistics.Correlation(get(real), get(climate)), "0.0000")} |");
            Line($"| {name} hourly profile: max abs deviation (mean hour = 1) | 0 | {F(LoadProfileStatistics.MaxAbsoluteDeviation(get(real), get(synthetic)))} | | < 0.12 | {F(LoadProfileStatistics.MaxAbsoluteDeviation(get(real), get(climate)))} |");
        }

        Line($"| Lag-4 (1 h) autocorrelation, not fitted | {F(real.MeanLag4Autocorrelation)} | {F(synthetic.MeanLag4Autocorrelation)} | {Absolute(synthetic.MeanLag4Autocorrelation, real.MeanLag4Autocorrelation)} | none | {F(climate.MeanLag4Autocorrelation)} |");
        Line($"| Lag-96 (1 day) autocorrelation, not fitted | {F(real.MeanLag96Autocorrelation)} | {F(synthetic.MeanLag96Autocorrelation)} | {Absolute(synthetic.MeanLag96Autocorrelation, real.MeanLag96Autocorrelation)} | none | {F(climate.MeanLag96Autocorrelation)} |");
        Line($"| Peak-to-average of the summed fleet load, not fitted | {F(real.AggregateDailyPeakToAverage)} | {F(synthetic.AggregateDailyPeakToAverage)} | {Relative(synthetic.AggregateDailyPeakToAverage, real.AggregateDailyPeakToAverage)} | none | {F(climate.AggregateDailyPeakToAverage)} |");
        Line("");
        Line("Hour-of-day profiles (mean of each household's profile normalised to mean 1):");
        Line("");
        Line("| Hour | " + string.Join(" | ", Enumerable.Range(0, 24)) + " |");
        Line("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", 24)));
        Line("| Weekday real | " + string.Join(" | ", real.WeekdayHourlyProfile.Select(v => F(v, "0.00"))) + " |");
        Line("| Weekday synthetic | " + string.Join(" | ", synthetic.WeekdayHourlyProfile.Select(v => F(v, "0.00"))) + " |");
        Line("| Weekend real | " + string.Join(" | ", real.WeekendHourlyProfile.Select(v => F(v, "0.00"))) + " |");
        Line("| Weekend synthetic | " + string.Join(" | ", synthetic.WeekendHourlyProfile.Select(v => F(v, "0.00"))) + " |");
        Line("");
        Line("Mean daily peak-to-average ratio by level quintile (households sorted by mean daily energy):");
        Line("");
        Line("| Quintile | Real level (kWh/day) | Real | Synthetic level (kWh/day) | Synthetic |");
        Line("| --- | --- | ---: | --- | ---: |");
        var realQuintiles = Quintiles(c.RealSeries);
        var syntheticQuintiles = Quintiles(c.SyntheticSeries);
        for (var q = 0; q < 5; q++)
        {
            Line($"| {q + 1} | {realQuintiles[q].Range} | {F(realQuintiles[q].PeakToAverage, "0.00")} | {syntheticQuintiles[q].Range} | {F(syntheticQuintiles[q].PeakToAverage, "0.00")} |");
        }

        return text.ToString();
    }

    private static (string Range, double PeakToAverage)[] Quintiles(IReadOnlyList<double[]> series)
    {
        var households = series
            .Select(s => (Level: s.Sum() / (s.Length / 96), Par: LoadProfileStatistics.Summarise([s], new DateOnly(2018, 10, 29)).MeanDailyPeakToAverage))
            .OrderBy(h => h.Level)
            .ToArray();
        var size = households.Length / 5;
        return [.. Enumerable.Range(0, 5).Select(q =>
        {
            var group = households.Skip(q * size).Take(q == 4 ? households.Length - (4 * size) : size).ToArray();
            return (string.Create(CultureInfo.InvariantCulture, $"{group[0].Level:0.0}-{group[^1].Level:0.0}"), group.Where(h => double.IsFinite(h.Par)).Average(h => h.Par));
        })];
    }
}
