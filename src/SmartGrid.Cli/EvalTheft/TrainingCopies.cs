using SmartGrid.Analytics.Theft;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>
/// More stolen days to learn from, on the training households only: copy k of the training
/// households starts from their true readings and gets a fresh injection (same fraction, types and
/// minimum day as the evaluation's, seed S·7919 + k), its own simulated feeders when the evaluation
/// has them, and its own features. Each copy is extracted on its own, so a household never meets
/// its twin as a peer or in its cohort; the copies keep the household's id, so the out-of-fold
/// folds put a household and its copies on the same side. The held-out households are never copied.
/// </summary>
public static class TrainingCopies
{
    /// <summary>Features and labels of <paramref name="count"/> copies of the households not in <paramref name="test"/>.</summary>
    public static (List<HouseholdDayFeatures> Rows, List<bool> Labels) Build(TheftDataSet data, IReadOnlySet<string> test, EvalTheftSettings settings, int count)
    {
        var rows = new List<HouseholdDayFeatures>();
        var labels = new List<bool>();
        if (settings.Injection is not { } injection)
        {
            return (rows, labels);
        }

        for (var k = 1; k <= count; k++)
        {
            var households = data.Households
                .Where(h => !test.Contains(h.Id) && h.TrueReadings is not null)
                .Select(h => new LabelledHousehold(h.Id, h.Dates, [.. h.TrueReadings!.Select(r => (double[])r.Clone())]) { TrueReadings = h.TrueReadings })
                .ToArray();
            if (households.Length == 0)
            {
                break;
            }

            var copy = data with { Households = households };
            var seed = unchecked((settings.Seed * 7919) + k);
            AttackInjector.Inject(copy, injection.Fraction, injection.Types, seed, injection.MinimumDayKWh);
            var feeders = settings.FeederSize > 0 ? FeederSimulator.Build(copy, settings.FeederSize, seed) : null;
            rows.AddRange(TheftFeatureExtractor.Extract([.. households.Select(h => new HouseholdDays(h.Id, h.Dates, h.Readings))], feeders));
            labels.AddRange(households.SelectMany(h => h.Labels));
        }

        return (rows, labels);
    }
}
