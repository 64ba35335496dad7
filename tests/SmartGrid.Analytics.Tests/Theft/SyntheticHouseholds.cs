using SmartGrid.Analytics.Attacks;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Analytics.Tests.Theft;

/// <summary>Small seeded households for the theft tests: a morning and an evening peak on a base load, with noise.</summary>
internal static class SyntheticHouseholds
{
    public static readonly DateOnly FirstDay = new(2024, 1, 1);

    public static double[] Day(Random random, int n, double level)
    {
        var day = new double[n];
        for (var t = 0; t < n; t++)
        {
            var hour = 24.0 * t / n;
            var shape = 0.3 + (1.2 * Math.Exp(-Math.Pow(hour - 7.5, 2) / 2)) + (2.0 * Math.Exp(-Math.Pow(hour - 19, 2) / 4));
            day[t] = Math.Max(0, level * shape * (1 + (0.15 * ((random.NextDouble() * 2) - 1))) * 24 / n);
        }

        return day;
    }

    /// <summary>Households with a fraction of days attacked; returns the households and the labels (household, then day, order).</summary>
    public static (HouseholdDays[] Households, bool[] Labels, string?[] Types) Make(int households, int days, int n, double fraction, int seed)
    {
        var random = new Random(seed);
        var generator = new AttackGenerator(seed);
        var result = new HouseholdDays[households];
        var labels = new List<bool>();
        var types = new List<string?>();
        for (var h = 0; h < households; h++)
        {
            var level = 0.5 + random.NextDouble();
            var readings = new double[days][];
            for (var d = 0; d < days; d++)
            {
                readings[d] = Day(random, n, level);
                var attacked = random.NextDouble() < fraction;
                string? type = null;
                if (attacked)
                {
                    var kind = generator.Pick(AttackTypes.Jokar);
                    readings[d] = [.. generator.Attack(kind, readings[d]).Readings];
                    type = AttackTypes.Label(kind);
                }

                labels.Add(attacked);
                types.Add(type);
            }

            result[h] = new HouseholdDays($"H{h:D3}", [.. Enumerable.Range(0, days).Select(FirstDay.AddDays)], readings);
        }

        return (result, [.. labels], [.. types]);
    }
}
