using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class TheftFeatureExtractorTests
{
    private static (HouseholdDays Household, double[] Original) WithAttack(AttackParameters attack, int n = 96)
    {
        var random = new Random(21);
        var days = Enumerable.Range(0, 28).Select(_ => SyntheticHouseholds.Day(random, n, 1.0)).ToArray();
        var original = days[10];
        days[10] = FalseDataInjection.Apply(attack, original);
        return (new HouseholdDays("H", [.. Enumerable.Range(0, 28).Select(SyntheticHouseholds.FirstDay.AddDays)], days), original);
    }

    private static HouseholdDayFeatures Day10(HouseholdDays household) => TheftFeatureExtractor.Extract([household])[10];

    [Fact]
    public void Names_follow_the_feature_enum() =>
        TheftFeatureExtractor.FeatureNames.Should().HaveCount(TheftFeatureExtractor.FeatureCount).And.Contain("level_z").And.Contain("balance_attributed");

    [Fact]
    public void A_scaled_day_shows_a_level_drop_against_its_own_history()
    {
        var (household, _) = WithAttack(new AttackParameters(AttackType.H1Scale, 0.5, 0, 0, []));
        var day = Day10(household);

        day[TheftFeature.LevelLog].Should().BeApproximately(Math.Log(0.5), 0.1);
        day[TheftFeature.LevelZ].Should().BeLessThan(-5);
        day[TheftFeature.BaseZ].Should().BeLessThan(-5);
        StatisticalEvidence.Evaluate(day, 96).Where(e => e.Fired).Select(e => e.Name).Should().Contain("level_drop");
    }

    [Fact]
    public void A_zeroed_window_is_a_zero_run()
    {
        var (household, _) = WithAttack(new AttackParameters(AttackType.H2ZeroWindow, 0, 20, 51, []));
        var day = Day10(household);

        day[TheftFeature.ZeroRun].Should().Be(32 / 96.0);
        StatisticalEvidence.Evaluate(day, 96).Single(e => e.Name == "zero_run").Fired.Should().BeTrue();
    }

    [Fact]
    public void A_flat_day_has_no_variation_and_a_reversed_day_fits_better_reversed()
    {
        var (flat, _) = WithAttack(new AttackParameters(AttackType.H5Mean, 0, 0, 0, []));
        Day10(flat)[TheftFeature.VariationZ].Should().BeLessThan(-5);

        var (reversed, _) = WithAttack(new AttackParameters(AttackType.H6Reversal, 0, 0, 0, []));
        var day = Day10(reversed);
        day[TheftFeature.ReversalGain].Should().BeGreaterThan(0.5);
        day[TheftFeature.NearestReversalLog].Should().BeGreaterThan(0.3);
        day[TheftFeature.LevelLog].Should().BeApproximately(0, 0.1, "a reversal keeps the total");
        day[TheftFeature.HourlyReversalLog].Should().BeGreaterThan(0.3);
        day[TheftFeature.EarthMoverReversalLog].Should().BeGreaterThan(0.3);
        day[TheftFeature.NightEveningZ].Should().BeGreaterThan(3.5, "the evening's energy now falls in the night");
    }

    [Fact]
    public void A_scaled_day_is_low_against_its_week_its_weekday_and_its_peers()
    {
        var random = new Random(3);
        var dates = Enumerable.Range(0, 28).Select(SyntheticHouseholds.FirstDay.AddDays).ToArray();
        var households = Enumerable.Range(0, 12).Select(h => new HouseholdDays($"H{h}", dates, [.. dates.Select(_ => SyntheticHouseholds.Day(random, 48, 1.0 + (0.1 * h)))])).ToArray();
        var stolen = households[0].Readings[10];
        for (var t = 0; t < stolen.Length; t++)
        {
            stolen[t] *= 0.6;
        }

        var day = TheftFeatureExtractor.Extract(households)[10];

        day[TheftFeature.LocalLevelZ].Should().BeLessThan(-3.5);
        day[TheftFeature.WeekdayLevelZ].Should().BeLessThan(-3.5);
        day[TheftFeature.PeerLevelZ].Should().BeLessThan(-3.5);
        day[TheftFeature.LowerQuartileZ].Should().BeLessThan(-3.5);
        day[TheftFeature.LevelRank].Should().Be(0);
    }

    [Fact]
    public void The_energy_balance_points_at_the_member_whose_reading_fell()
    {
        var random = new Random(3);
        var dates = Enumerable.Range(0, 20).Select(SyntheticHouseholds.FirstDay.AddDays).ToArray();
        var truth = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 20).Select(_ => SyntheticHouseholds.Day(random, 24, 1.0)).ToArray()).ToArray();
        var reported = truth.Select(days => days.Select(d => (double[])d.Clone()).ToArray()).ToArray();
        reported[2][7] = [.. truth[2][7].Select(v => v * 0.3)];
        var feeder = new FeederDays("F", ["A", "B", "C", "D"], dates,
            [.. dates.Select((_, d) => Enumerable.Range(0, 24).Select(t => 1.03 * truth.Sum(h => h[d][t])).ToArray())]);
        var households = reported.Select((days, h) => new HouseholdDays(((char)('A' + h)).ToString(), dates, days)).ToArray();

        var features = TheftFeatureExtractor.Extract(households, [feeder]);

        var stolen = features.Single(f => f.HouseholdId == "C" && f.Date == dates[7]);
        stolen[TheftFeature.BalanceLossZ].Should().BeGreaterThan(3.5);
        stolen[TheftFeature.BalanceAttributed].Should().BeGreaterThan(0.4);
        features.Where(f => f.HouseholdId != "C" && f.Date == dates[7]).Should().OnlyContain(f => f[TheftFeature.BalanceAttributed] < 0.2);
        stolen[TheftFeature.BalanceScaleFit].Should().BeApproximately((1 / 0.3) - 1, 1e-6, "the feeder misses (1/a − 1) of C's reported readings in every hour");
        features.Where(f => f.HouseholdId != "C").Should().OnlyContain(f => f[TheftFeature.BalanceScaleFit] == 0 && f[TheftFeature.BalanceReversalFit] == 0);
        StatisticalEvidence.Evaluate(stolen, 24).Single(e => e.Name == "energy_balance").Fired.Should().BeTrue();
    }

    [Fact]
    public void Days_of_different_lengths_are_rejected()
    {
        var household = new HouseholdDays("H", [SyntheticHouseholds.FirstDay, SyntheticHouseholds.FirstDay.AddDays(1), SyntheticHouseholds.FirstDay.AddDays(2)], [new double[24], new double[24], new double[23]]);
        var act = () => TheftFeatureExtractor.Extract([household]);
        act.Should().Throw<AnalyticsInputException>().WithMessage("*23*");
    }
}
