using SmartGrid.Analytics.Attacks;

namespace SmartGrid.Analytics.Tests.Attacks;

public sealed class FalseDataInjectionTests
{
    private static double[] Day(int n) => [.. Enumerable.Range(0, n).Select(t => 0.2 + (0.05 * t) + (t % 3 == 0 ? 0.4 : 0))];

    [Theory]
    [InlineData(24)]
    [InlineData(48)]
    [InlineData(96)]
    public void Every_type_matches_its_definition_interval_by_interval(int n)
    {
        var generator = new AttackGenerator(seed: 7);
        var x = Day(n);
        var mean = x.Average();
        var peak = x.Max();
        foreach (var type in AttackTypes.All)
        {
            var attacked = generator.Attack(type, x);
            var p = attacked.Attack;
            var y = attacked.Readings;
            y.Should().HaveCount(n);
            for (var t = 0; t < n; t++)
            {
                var expected = type switch
                {
                    AttackType.H1Scale => p.Scale * x[t],
                    AttackType.H2ZeroWindow => t >= p.WindowStart && t <= p.WindowEnd ? 0 : x[t],
                    AttackType.H3RandomScale => p.Factors[t] * x[t],
                    AttackType.H4RandomMean => p.Factors[t] * mean,
                    AttackType.H5Mean => mean,
                    AttackType.H6Reversal => x[n - 1 - t],
                    AttackType.Offset => Math.Max(0, x[t] - (p.Scale * mean)),
                    AttackType.Cap => Math.Min(x[t], p.Scale * peak),
                    AttackType.Ramp => x[t] * (1 - (p.Scale * t / (n - 1))),
                    _ => double.NaN,
                };
                y[t].Should().BeApproximately(expected, 1e-12, $"{AttackTypes.Label(type)} at t={t}");
            }
        }
    }

    [Fact]
    public void Drawn_parameters_stay_within_their_laws()
    {
        var generator = new AttackGenerator(seed: 11);
        for (var i = 0; i < 500; i++)
        {
            generator.Draw(AttackType.H1Scale, 96).Scale.Should().BeInRange(0.1, 0.8);
            generator.Draw(AttackType.H3RandomScale, 96).Factors.Should().HaveCount(96).And.OnlyContain(g => g >= 0.1 && g <= 0.8);
            var window = generator.Draw(AttackType.H2ZeroWindow, 96);
            var length = window.WindowEnd - window.WindowStart + 1;
            length.Should().BeInRange(16, 48, "4 to 12 hours of quarter-hours");
            window.WindowStart.Should().BeGreaterThanOrEqualTo(0);
            window.WindowEnd.Should().BeLessThan(96);
            generator.Draw(AttackType.Offset, 96).Scale.Should().BeInRange(0.2, 0.8);
            generator.Draw(AttackType.Cap, 96).Scale.Should().BeInRange(0.2, 0.6);
            generator.Draw(AttackType.Ramp, 96).Scale.Should().BeInRange(0.3, 0.9);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_attacks()
    {
        var x = Day(48);
        var first = new AttackGenerator(3);
        var second = new AttackGenerator(3);
        foreach (var type in AttackTypes.All)
        {
            first.Attack(type, x).Readings.Should().Equal(second.Attack(type, x).Readings);
        }

        new AttackGenerator(4).Attack(AttackType.H1Scale, x).Readings.Should().NotEqual(new AttackGenerator(3).Attack(AttackType.H1Scale, x).Readings);
    }

    [Fact]
    public void Known_answers_for_a_small_day()
    {
        double[] x = [1, 2, 3, 6];
        FalseDataInjection.Apply(new AttackParameters(AttackType.H1Scale, 0.5, 0, 0, []), x).Should().Equal(0.5, 1, 1.5, 3);
        FalseDataInjection.Apply(new AttackParameters(AttackType.H2ZeroWindow, 0, 1, 2, []), x).Should().Equal(1, 0, 0, 6);
        FalseDataInjection.Apply(new AttackParameters(AttackType.H4RandomMean, 0, 0, 0, [0.1, 0.2, 0.5, 0.8]), x).Should().Equal([0.3, 0.6, 1.5, 2.4], (a, b) => Math.Abs(a - b) < 1e-12);
        FalseDataInjection.Apply(new AttackParameters(AttackType.H5Mean, 0, 0, 0, []), x).Should().Equal(3, 3, 3, 3);
        FalseDataInjection.Apply(new AttackParameters(AttackType.H6Reversal, 0, 0, 0, []), x).Should().Equal(6, 3, 2, 1);
        FalseDataInjection.Apply(new AttackParameters(AttackType.Offset, 0.5, 0, 0, []), x).Should().Equal(0, 0.5, 1.5, 4.5);
        FalseDataInjection.Apply(new AttackParameters(AttackType.Cap, 0.5, 0, 0, []), x).Should().Equal(1, 2, 3, 3);
        FalseDataInjection.Apply(new AttackParameters(AttackType.Ramp, 0.9, 0, 0, []), x).Should().Equal([1, 1.4, 1.2, 0.6], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Theory]
    [InlineData(15, 96)]
    [InlineData(30, 48)]
    [InlineData(60, 24)]
    public void Intervals_per_day_follow_from_the_interval(int minutes, int expected) =>
        AttackGenerator.IntervalsPerDay(TimeSpan.FromMinutes(minutes)).Should().Be(expected);

    [Fact]
    public void Bad_input_is_rejected_with_a_reason()
    {
        var act = () => FalseDataInjection.Apply(new AttackParameters(AttackType.H5Mean, 0, 0, 0, []), [1.0, double.NaN]);
        act.Should().Throw<AnalyticsInputException>().WithMessage("*finite*");
        var window = () => FalseDataInjection.Apply(new AttackParameters(AttackType.H2ZeroWindow, 0, 2, 9, []), [1.0, 2, 3]);
        window.Should().Throw<AnalyticsInputException>().WithMessage("*window*");
        var interval = () => AttackGenerator.IntervalsPerDay(TimeSpan.FromMinutes(7));
        interval.Should().Throw<AnalyticsInputException>();
    }

    [Fact]
    public void Labels_round_trip() =>
        AttackTypes.All.Select(t => AttackTypes.Parse(AttackTypes.Label(t))).Should().Equal(AttackTypes.All.Cast<AttackType?>());
}
