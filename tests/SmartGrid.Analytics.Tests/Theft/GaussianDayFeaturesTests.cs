using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class GaussianDayFeaturesTests
{
    /// <summary>28 days of a household with a morning and an evening peak; day 10 replaced by <paramref name="attack"/> of itself.</summary>
    private static HouseholdDayFeatures[] Household(AttackParameters attack)
    {
        var random = new Random(21);
        var days = Enumerable.Range(0, 28).Select(_ => SyntheticHouseholds.Day(random, 96, 1.0)).ToArray();
        days[10] = FalseDataInjection.Apply(attack, days[10]);
        return [.. TheftFeatureExtractor.Extract([new HouseholdDays("H", [.. Enumerable.Range(0, 28).Select(SyntheticHouseholds.FirstDay.AddDays)], days)])];
    }

    [Fact]
    public void Hellinger_coordinates_are_the_square_roots_of_the_shape()
    {
        GaussianDayFeatures.Hellinger([1, 3]).Should().Equal([0.5, Math.Sqrt(0.75)], (a, b) => Math.Abs(a - b) < 1e-15);
        GaussianDayFeatures.Hellinger([0, 0, 0, 0]).Should().Equal(0.5, 0.5, 0.5, 0.5);
    }

    [Fact]
    public void A_reversed_day_is_the_only_one_the_reversal_discriminant_calls_reversed()
    {
        var days = Household(new AttackParameters(AttackType.H6Reversal, 0, 0, 0, []));

        days[10][TheftFeature.ReversalDiscriminant].Should().BeGreaterThan(10, "the log-likelihood ratio of a reversal of this household's clear routine");
        days.Where((_, d) => d != 10).Should().OnlyContain(d => d[TheftFeature.ReversalDiscriminant] < 0);
        days[10][TheftFeature.LevelLog].Should().BeApproximately(0, 0.1, "a reversal keeps the total");
        days[10][TheftFeature.LevelShiftZ].Should().BeGreaterThan(3.5, "but it moves the evening into the night, whose steady hours the GLS shift weighs most");
    }

    [Fact]
    public void The_discriminant_is_antisymmetric_in_the_day_tested()
    {
        // With the reference days fixed, the reversed vector scores exactly minus the vector: w·(Pv − m) = −w·(v − m) as Pw = −w and Pm = m.
        var random = new Random(4);
        var vectors = Enumerable.Range(0, 12).Select(_ => GaussianDayFeatures.Hellinger(SyntheticHouseholds.Day(random, 48, 1.0))).ToList();
        var day = vectors[0];
        var asRecorded = GaussianDayFeatures.ReversalDiscriminant([.. vectors])[0];
        vectors[0] = [.. day.Reverse()];
        var reversed = GaussianDayFeatures.ReversalDiscriminant([.. vectors])[0];

        reversed.Should().BeApproximately(-asRecorded, 1e-9 * Math.Abs(asRecorded));
        asRecorded.Should().BeNegative();
    }

    [Fact]
    public void A_scaled_day_shifts_every_hour_and_the_shift_is_linear_in_log_a()
    {
        var days = Household(new AttackParameters(AttackType.H1Scale, 0.5, 0, 0, []));
        days[10][TheftFeature.LevelShiftZ].Should().BeLessThan(-5);
        days.Where((_, d) => d != 10).Count(d => Math.Abs(d[TheftFeature.LevelShiftZ]) > 3.5).Should().BeLessThanOrEqualTo(1);

        // A day equal to the others' mean shifted by δ in every coordinate scores exactly δ·√(1ᵀS⁻¹1): linear in δ, zero at 0.
        var random = new Random(9);
        var others = Enumerable.Range(0, 15).Select(_ => Enumerable.Range(0, 24).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var mean = Enumerable.Range(0, 24).Select(i => others.Average(v => v[i])).ToArray();
        double Shift(double delta) => GaussianDayFeatures.LevelShift([[.. mean.Select(m => m + delta)], .. others])[0];

        Shift(0).Should().BeApproximately(0, 1e-9);
        Shift(-0.4).Should().BeNegative().And.BeApproximately(2 * Shift(-0.2), 1e-9);
    }
}
