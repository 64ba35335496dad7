using SmartGrid.Analytics.Learning;

namespace SmartGrid.Analytics.Tests.Learning;

public sealed class AlarmThresholdPolicyTests
{
    private const double Cost = 10;
    private static readonly double[] Grid = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>A fleet round: 5% thieves with high scores, honest households with low ones, overlapping.</summary>
    private static (double Score, bool Thief, double Value)[] Fleet(Random random, int households = 400)
    {
        var fleet = new (double, bool, double)[households];
        for (var i = 0; i < households; i++)
        {
            var thief = random.NextDouble() < 0.05;
            var u = random.NextDouble();
            var score = thief ? 1 - (0.7 * u * u) : 0.75 * Math.Sqrt(u) * random.NextDouble() * 1.2;
            fleet[i] = (Math.Clamp(score, 0, 1), thief, thief ? 20 + (40 * random.NextDouble()) : 0);
        }

        return fleet;
    }

    private static Inspection[] Inspect((double Score, bool Thief, double Value)[] fleet, double threshold) =>
        [.. fleet.Where(h => h.Score >= threshold).Select(h => new Inspection(h.Score, h.Thief, h.Value))];

    private static (int[] Arms, double[] Rewards) Run(int seed, int rounds)
    {
        var policy = new AlarmThresholdPolicy(Grid, Cost, seed);
        var random = new Random(100 + seed);
        var arms = new int[rounds];
        var rewards = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var fleet = Fleet(random);
            arms[round] = policy.ChooseArm();
            rewards[round] = policy.Learn(arms[round], Inspect(fleet, Grid[arms[round]]), fleet.Length);
        }

        return (arms, rewards);
    }

    [Fact]
    public void Net_reward_is_recovered_value_minus_inspection_cost()
    {
        Inspection[] inspections = [new(0.9, true, 50), new(0.7, false, 0), new(0.5, true, 30)];

        AlarmThresholdPolicy.NetReward(0.6, inspections, Cost).Should().Be(50 - 20);
        AlarmThresholdPolicy.NetReward(0.5, inspections, Cost).Should().Be(80 - 30);
    }

    [Fact]
    public void Learns_the_threshold_that_pays_best_and_earns_more_in_later_rounds()
    {
        // The expected net value per household of each threshold, from a large full-information sample.
        var sample = Fleet(new Random(7), households: 200_000);
        var expected = Grid.Select(t => AlarmThresholdPolicy.NetReward(t, Inspect(sample, t), Cost) / sample.Length).ToArray();
        var optimum = Array.IndexOf(expected, expected.Max());

        var (arms, rewards) = Run(seed: 3, rounds: 300);

        arms[0].Should().Be(0, "the lowest threshold is tried first: it reveals every other threshold's outcome");
        arms.Skip(250).Count(arm => expected[arm] >= expected[optimum] - 0.02).Should().BeGreaterThanOrEqualTo(45);
        rewards.Skip(250).Average().Should().BeGreaterThan(rewards.Take(50).Average());
        expected[optimum].Should().BeGreaterThan(expected[0] + 0.1, "the scenario must make the choice matter");
    }

    [Fact]
    public void The_same_seed_repeats_the_same_choices()
    {
        Run(seed: 9, rounds: 80).Arms.Should().Equal(Run(seed: 9, rounds: 80).Arms);
    }

    [Fact]
    public void Bad_settings_and_feedback_are_rejected()
    {
        FluentActions.Invoking(() => new AlarmThresholdPolicy([], Cost, 1)).Should().Throw<AnalyticsInputException>().WithMessage("*threshold*");
        FluentActions.Invoking(() => new AlarmThresholdPolicy([0.5, 0.4], Cost, 1)).Should().Throw<AnalyticsInputException>().WithMessage("*ascending*");
        FluentActions.Invoking(() => new AlarmThresholdPolicy(Grid, 0, 1)).Should().Throw<AnalyticsInputException>().WithMessage("inspectionCost*");
        var policy = new AlarmThresholdPolicy(Grid, Cost, 1);
        policy.Invoking(p => p.Learn(3, [new Inspection(0.1, true, 5)], 10)).Should().Throw<AnalyticsInputException>().WithMessage("*cannot come from threshold 0.5*");
        policy.Invoking(p => p.Learn(0, [], 0)).Should().Throw<AnalyticsInputException>().WithMessage("households*");
    }
}
