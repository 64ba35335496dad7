using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class ContinuityFeaturesTests
{
    [Fact]
    public void Increment_skewness_has_the_known_value_and_flips_with_the_day()
    {
        // Increments 1, 1, 1, −3: mean square 3, mean cube −6, skewness −6 / 3^1.5.
        ContinuityFeatures.IncrementSkewness([0, 1, 2, 3, 0]).Should().BeApproximately(-6 / Math.Pow(3, 1.5), 1e-12);
        ContinuityFeatures.IncrementSkewness([0, 3, 2, 1, 0]).Should().BeApproximately(6 / Math.Pow(3, 1.5), 1e-12);
        ContinuityFeatures.IncrementSkewness([2, 2, 2]).Should().Be(0);
    }

    [Fact]
    public void A_reversed_day_runs_against_the_households_direction_of_time()
    {
        // Loads that switch on sharply and fade slowly: a sawtooth of 3-hour cycles, with noise.
        var random = new Random(6);
        var days = Enumerable.Range(0, 21).Select(_ => Enumerable.Range(0, 96).Select(t => (1.0 - ((t % 12) / 12.0)) * (0.9 + (0.2 * random.NextDouble()))).ToArray()).ToArray();
        days[7] = FalseDataInjection.Apply(new AttackParameters(AttackType.H6Reversal, 0, 0, 0, []), days[7]);

        var features = TheftFeatureExtractor.Extract([new HouseholdDays("H", [.. Enumerable.Range(0, 21).Select(SyntheticHouseholds.FirstDay.AddDays)], days)]);

        features[7][TheftFeature.IrreversibilityZ].Should().BeGreaterThan(3.5);
        features.Where((_, d) => d != 7).Should().OnlyContain(f => f[TheftFeature.IrreversibilityZ] < 3.5);
    }

    [Fact]
    public void A_scaled_day_steps_down_at_midnight_and_up_again_at_the_next()
    {
        var random = new Random(21);
        var days = Enumerable.Range(0, 28).Select(_ => SyntheticHouseholds.Day(random, 96, 1.0)).ToArray();
        days[10] = FalseDataInjection.Apply(new AttackParameters(AttackType.H1Scale, 0.5, 0, 0, []), days[10]);
        var dates = Enumerable.Range(0, 28).Select(SyntheticHouseholds.FirstDay.AddDays).ToArray();

        var features = TheftFeatureExtractor.Extract([new HouseholdDays("H", dates, days)]);

        features[10][TheftFeature.MidnightStepZ].Should().BeLessThan(-3.5);
        features[9][TheftFeature.MidnightStepZ].Should().BeGreaterThan(0, "the day before steps down into the stolen day at its end");
        features[11][TheftFeature.MidnightStepZ].Should().BeGreaterThan(0, "the day after steps up out of it at its start");
    }
}
