namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Hybrid theft detection per household-day. Three sources of evidence:
/// <list type="number">
/// <item>the classifier's probability p on the features (<see cref="ITheftClassifier"/>);</item>
/// <item>the statistical tests' strength S (<see cref="StatisticalEvidence.Strength"/>);</item>
/// <item>the energy balance B: the unexplained feeder loss attributed to the household, capped at 1
/// (0 without a feeder).</item>
/// </list>
/// They are combined by a logistic regression, score = σ(w₀ + w₁·logit p + w₂·S + w₃·B), fitted on
/// out-of-fold classifier probabilities of the training households (folds by household, so the
/// combiner sees p as it will be on households the classifier never saw). The alarm threshold is
/// the score quantile giving <see cref="TheftDetectorOptions.TargetFalsePositiveRate"/> on the
/// training households' out-of-fold normal days. Nothing is tuned on the households scored later.
/// </summary>
public sealed class HybridTheftDetector
{
    private const double LogitClip = 15;

    private readonly TheftDetectorOptions _options;
    private readonly int _intervalsPerDay;
    private ITheftClassifier? _classifier;
    private LogisticRegressionClassifier? _combiner;

    /// <summary>Creates an unfitted detector for days of <paramref name="intervalsPerDay"/> readings.</summary>
    public HybridTheftDetector(int intervalsPerDay, TheftDetectorOptions? options = null)
    {
        _options = options ?? new TheftDetectorOptions();
        if (_options.Folds < 2 || !(_options.TargetFalsePositiveRate is > 0 and < 1) || intervalsPerDay < 2)
        {
            throw new AnalyticsInputException("need at least 2 folds, a target false-positive rate in (0, 1) and at least 2 readings a day", nameof(options));
        }

        _intervalsPerDay = intervalsPerDay;
    }

    /// <summary>The alarm threshold on the combined score (after <see cref="Fit"/>).</summary>
    public double Threshold { get; private set; } = double.NaN;

    /// <summary>Combiner weights: intercept, logit p, statistical strength, energy balance (after <see cref="Fit"/>).</summary>
    public IReadOnlyList<double> CombinerWeights => _combiner?.Weights ?? [];

    /// <summary>Fits classifier, combiner and threshold on labelled household-days.</summary>
    /// <exception cref="AnalyticsInputException">Fewer households than folds, or a class missing.</exception>
    public void Fit(IReadOnlyList<HouseholdDayFeatures> days, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(labels);
        if (days.Count != labels.Count)
        {
            throw new AnalyticsInputException($"{days.Count} days and {labels.Count} labels", nameof(labels));
        }

        var outOfFold = OutOfFold.Probabilities([.. days.Select(d => d.Values)], labels, [.. days.Select(d => d.HouseholdId)], _options.ClassifierFactory, _options.Folds, _options.Seed);
        _combiner = new LogisticRegressionClassifier();
        _combiner.Fit([.. days.Select((d, i) => CombinerInputs(d, outOfFold[i]))], labels);
        var normalScores = days.Select((d, i) => (d, i)).Where(p => !labels[p.i]).Select(p => _combiner.Probability(CombinerInputs(p.d, outOfFold[p.i])));
        Threshold = OutOfFold.Threshold(normalScores, _options.TargetFalsePositiveRate);

        _classifier = _options.ClassifierFactory();
        _classifier.Fit([.. days.Select(d => d.Values)], labels);
    }

    /// <summary>The verdict on one household-day, with its evidence.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public TheftVerdict Score(HouseholdDayFeatures day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (_classifier is null || _combiner is null)
        {
            throw new InvalidOperationException("The detector is not fitted.");
        }

        var p = _classifier.Probability(day.Values);
        var score = _combiner.Probability(CombinerInputs(day, p));
        var evidence = new List<Evidence>(StatisticalEvidence.Evaluate(day, _intervalsPerDay))
        {
            new("classifier", p, 0.5, $"{_classifier.Name} classifier probability of theft"),
        };
        return new TheftVerdict(day.HouseholdId, day.Date, score, score >= Threshold, evidence);
    }

    private double[] CombinerInputs(HouseholdDayFeatures day, double probability)
    {
        var p = Math.Clamp(probability, 1e-12, 1 - 1e-12);
        var logit = Math.Clamp(Math.Log(p / (1 - p)), -LogitClip, LogitClip);
        var strength = StatisticalEvidence.Strength(StatisticalEvidence.Evaluate(day, _intervalsPerDay));
        var balance = day[TheftFeature.BalanceLossZ] > 0 ? Math.Clamp(day[TheftFeature.BalanceAttributed], 0, 1) : 0;
        return [logit, strength, balance];
    }
}
