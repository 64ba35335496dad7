using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

public sealed class IntervalBalanceTests
{
    private const double Loss = 0.03;

    // Four members A..D; the feeder carries their true consumption plus 3% technical loss exactly,
    // so τ = 1 − 1/1.03 and the residual is exactly the energy the reports miss.
    private static (double[][] Truth, double[] Feeder) Members(int n)
    {
        var random = new Random(12);
        var truth = Enumerable.Range(0, 4).Select(h => SyntheticHouseholds.Day(random, n, 0.5 + (0.3 * h))).ToArray();
        var feeder = Enumerable.Range(0, n).Select(t => (1 + Loss) * truth.Sum(h => h[t])).ToArray();
        return (truth, feeder);
    }

    [Fact]
    public void A_scaled_member_is_named_with_its_scale_and_a_reversed_one_with_its_reversal()
    {
        var (truth, feeder) = Members(48);
        var reported = truth.Select(d => (double[])d.Clone()).ToArray();
        reported[2] = FalseDataInjection.Apply(new AttackParameters(AttackType.H1Scale, 0.5, 0, 0, []), truth[2]);
        reported[1] = FalseDataInjection.Apply(new AttackParameters(AttackType.H6Reversal, 0, 0, 0, []), truth[1]);

        var fits = IntervalBalance.Fit(feeder, reported, 1 - (1 / (1 + Loss)), block: 1);

        fits[2].Scale.Should().BeApproximately(1, 1e-6, "h1 with a = 0.5 leaves (1/a − 1)·y = 1·y");
        fits[1].Reversal.Should().BeApproximately(1, 1e-6, "a reversal leaves rev(y) − y");
        fits[0].Scale.Should().Be(0);
        fits[0].Reversal.Should().Be(0);
        fits[3].Scale.Should().Be(0);
        fits[2].LogF.Should().BeGreaterThan(10);
        fits[1].LogF.Should().BeGreaterThan(10);
    }

    [Fact]
    public void An_honest_feeder_day_names_nobody()
    {
        var (truth, feeder) = Members(24);

        var fits = IntervalBalance.Fit(feeder, truth, 1 - (1 / (1 + Loss)), block: 1);

        fits.Should().OnlyContain(f => f.Scale == 0 && f.Reversal == 0);
    }

    [Fact]
    public void An_absent_member_is_skipped()
    {
        var (truth, feeder) = Members(24);

        var fits = IntervalBalance.Fit(feeder, [truth[0], null, truth[2], truth[3]], 0, block: 1);

        fits[1].Should().Be((0.0, 0.0, 0.0));
    }

    [Fact]
    public void A_feeder_read_per_longer_period_is_compared_in_blocks()
    {
        double[] perInterval = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] perPair = [1, 1, 2, 2, 3, 3, 4, 4];
        double[] perFour = [1, 1, 1, 1, 2, 2, 2, 2];

        IntervalBalance.BlockLength([perInterval], 8).Should().Be(1);
        IntervalBalance.BlockLength([perPair, perFour], 8).Should().Be(2);
        IntervalBalance.BlockLength([perFour], 8).Should().Be(4);
        IntervalBalance.BlockLength([new double[8]], 8).Should().Be(8);
    }
}
