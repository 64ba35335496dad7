using SmartGrid.Analytics.Attacks;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// Injects attacks into normal household-days: round(fraction × eligible days) of them, chosen by a
/// seeded shuffle, each with a type drawn uniformly from the given types and parameters drawn by
/// <see cref="AttackGenerator"/> from the same seed. Two rules keep the injection realistic:
/// <list type="bullet">
/// <item>only days that used at least <c>minimumDayKWh</c> are eligible: a vacant day has nothing
/// to steal, and every attack type leaves a day of zeros unchanged (the other days stay in the data
/// as normal days, so they still count towards false positives);</item>
/// <item>attacked readings are rounded to the resolution of the input (0.01 kWh for the Swiss data),
/// as a tampered meter still reports in its register's steps, so that no detector can tell an
/// attacked day by digits the real meter could never produce.</item>
/// </list>
/// The true readings are kept for the simulated feeders.
/// </summary>
public static class AttackInjector
{
    /// <summary>Injects into <paramref name="data"/> in place; returns the number of days attacked.</summary>
    public static int Inject(TheftDataSet data, double fraction, IReadOnlyList<AttackType> types, int seed, double minimumDayKWh)
    {
        var generator = new AttackGenerator(seed);
        var resolution = Resolution(data);
        foreach (var household in data.Households)
        {
            household.TrueReadings ??= [.. household.Readings.Select(r => (double[])r.Clone())];
        }

        var candidates = data.Households
            .SelectMany((h, hi) => Enumerable.Range(0, h.Readings.Length).Where(d => !h.Labels[d] && h.Readings[d].Sum() >= minimumDayKWh).Select(d => (hi, d)))
            .ToArray();
        new Random(seed).Shuffle(candidates);
        var count = (int)Math.Round(fraction * candidates.Length);
        foreach (var (hi, d) in candidates.Take(count).OrderBy(c => c.hi).ThenBy(c => c.d))
        {
            var household = data.Households[hi];
            var type = generator.Pick(types);
            var attacked = generator.Attack(type, household.Readings[d]);
            household.Readings[d] = [.. attacked.Readings.Select(v => resolution > 0 ? Math.Round(v / resolution) * resolution : v)];
            household.Labels[d] = true;
            household.Types[d] = AttackTypes.Label(type);
        }

        return count;
    }

    /// <summary>The coarsest step of 1, 0.1, ... 0.0001 that every reading is a multiple of; 0 when none is.</summary>
    public static double Resolution(TheftDataSet data)
    {
        foreach (var step in (double[])[1, 0.1, 0.01, 0.001, 0.0001])
        {
            var fits = data.Households.All(h => h.Readings.All(day => day.All(v => Math.Abs((v / step) - Math.Round(v / step)) < 1e-6)));
            if (fits)
            {
                return step;
            }
        }

        return 0;
    }
}
