using SmartGrid.Analytics.Learning;

namespace SmartGrid.Analytics.Tests.Learning;

public sealed class DiscountedUcbTests
{
    private static readonly double[] Means = [0.3, 0.5, 0.7, 0.45];

    /// <summary>Plays Bernoulli arms; returns the arm chosen each round.</summary>
    private static int[] Play(DiscountedUcb policy, int rounds, int seed)
    {
        var random = new Random(seed);
        var chosen = new int[rounds];
        for (var t = 0; t < rounds; t++)
        {
            var arm = policy.Select();
            chosen[t] = arm;
            policy.Record(arm, random.NextDouble() < Means[arm] ? 1 : 0);
        }

        return chosen;
    }

    private static double Regret(IEnumerable<int> chosen) => chosen.Sum(arm => Means.Max() - Means[arm]);

    [Fact]
    public void Ucb1_regret_grows_sublinearly_and_the_best_arm_takes_over()
    {
        var policy = new DiscountedUcb(Means.Length);

        var chosen = Play(policy, 4000, seed: 21);

        chosen.Take(Means.Length).Should().Equal(0, 1, 2, 3);
        var firstHalf = Regret(chosen.Take(2000));
        var secondHalf = Regret(chosen.Skip(2000));
        secondHalf.Should().BeLessThan(0.5 * firstHalf);
        chosen.Skip(3000).Count(arm => arm == 2).Should().BeGreaterThan(900);
        policy.BestArm.Should().Be(2);
    }

    [Fact]
    public void Discounting_follows_a_change_of_the_best_arm()
    {
        var policy = new DiscountedUcb(2, discount: 0.95, exploration: 0.5);
        var random = new Random(22);
        var late = new List<int>();
        for (var t = 0; t < 1200; t++)
        {
            var arm = policy.Select();
            var mean = (arm == 0) == (t < 600) ? 0.8 : 0.2;
            policy.Record(arm, random.NextDouble() < mean ? 1 : 0);
            if (t >= 900)
            {
                late.Add(arm);
            }
        }

        late.Count(arm => arm == 1).Should().BeGreaterThan(250);
        policy.BestArm.Should().Be(1);
    }

    [Fact]
    public void The_same_rewards_give_the_same_choices()
    {
        Play(new DiscountedUcb(4, 0.99), 500, seed: 5).Should().Equal(Play(new DiscountedUcb(4, 0.99), 500, seed: 5));
    }

    [Fact]
    public void Bad_settings_and_records_are_rejected()
    {
        FluentActions.Invoking(() => new DiscountedUcb(0)).Should().Throw<AnalyticsInputException>().WithMessage("arms*");
        FluentActions.Invoking(() => new DiscountedUcb(2, discount: 0)).Should().Throw<AnalyticsInputException>().WithMessage("discount*");
        FluentActions.Invoking(() => new DiscountedUcb(2, exploration: -1)).Should().Throw<AnalyticsInputException>().WithMessage("exploration*");
        var policy = new DiscountedUcb(2);
        policy.Invoking(p => p.Record(2, 0.5)).Should().Throw<AnalyticsInputException>().WithMessage("arm*");
        policy.Invoking(p => p.Record(0, double.NaN)).Should().Throw<AnalyticsInputException>().WithMessage("reward*");
    }
}
