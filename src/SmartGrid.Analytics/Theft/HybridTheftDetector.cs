namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Hybrid theft detection per household-day. Three sources of evidence and one of context:
/// <list type="number">
/// <item>the classifier's probability p on the features (<see cref="ITheftClassifier"/>);</item>
/// <item>the statistical tests' strength S (<see cref="StatisticalEvidence.Strength"/>);</item>
/// <item>the energy balance B: the unexplained feeder loss attributed to the household, capped at 1
/// (0 without a feeder);</item>
/// <item>the household context C: logit p minus the median logit p over the household's days being
/// scored (unlabelled), so that a household the classifier finds odd on every day is not flagged on
/// every day.</item>
/// </list>
/// They are combined by a logistic regression, score = σ(w₀ + w₁·logit p + w₂·S + w₃·B + w₄·C), fitted on
/// out-of-fold classifier probabilities of the training households (folds by household, so the
/// combiner sees p as it will be on households the classifier never saw). The alarm threshold is
/// the score quantile giving <see cref="TheftDetectorOptions.TargetFalsePositiveRate"/> on the
/// training households' out-of-fold normal days. Nothing is tuned on the households scored later.
/// </summary>
public sealed class HybridTheftDetector
{
    /// <summary>Inputs of the combiner: logit p, statistical strength, energy balance, household context.</summary>
    internal const int CombinerInputCount = 4;

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

    /// <summary>Readings per day of the days it scores.</summary>
    public int IntervalsPerDay => _intervalsPerDay;

    /// <summary>The settings it was made with.</summary>
    public TheftDetectorOptions Options => _options;

    /// <summary>Whether <see cref="Fit"/> ran (or the detector was loaded).</summary>
    public bool IsFitted => _classifier is not null && _combiner is not null;

    /// <summary>Combiner weights: intercept, logit p, statistical strength, energy balance, household context (after <see cref="Fit"/>).</summary>
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
        var inputs = CombinerInputs(days, outOfFold);
        _combiner = new LogisticRegressionClassifier();
        _combiner.Fit(inputs, labels);
        var normalScores = inputs.Where((_, i) => !labels[i]).Select(x => _combiner.Probability(x));
        Threshold = OutOfFold.Threshold(normalScores, _options.TargetFalsePositiveRate);

        _classifier = _options.ClassifierFactory();
        _classifier.Fit([.. days.Select(d => d.Values)], labels);
    }

    /// <summary>
    /// The verdicts on a batch of household-days, in input order. Each household's days in the batch
    /// are its context: the combiner compares a day's classifier logit with the median over the
    /// household's days (no labels are used), so give every day of a household in one batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public IReadOnlyList<TheftVerdict> Score(IReadOnlyList<HouseholdDayFeatures> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (_classifier is null || _combiner is null)
        {
            throw new InvalidOperationException("The detector is not fitted.");
        }

        var probabilities = days.Select(d => _classifier.Probability(d.Values)).ToArray();
        var inputs = CombinerInputs(days, probabilities);
        var verdicts = new TheftVerdict[days.Count];
        for (var i = 0; i < days.Count; i++)
        {
            var score = _combiner.Probability(inputs[i]);
            var evidence = new List<Evidence>(StatisticalEvidence.Evaluate(days[i], _intervalsPerDay))
            {
                new("classifier", probabilities[i], 0.5, $"{_classifier.Name} classifier probability of theft"),
            };
            verdicts[i] = new TheftVerdict(days[i].HouseholdId, days[i].Date, score, score >= Threshold, evidence);
        }

        return verdicts;
    }

    /// <summary>The saved form of this fitted detector (<see cref="TheftModelFormat"/>).</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="NotSupportedException">The classifier has no saved form.</exception>
    public byte[] Save() => TheftModelFormat.Save(this);

    /// <summary>A detector saved by <see cref="Save"/>; it scores exactly as the saved one.</summary>
    /// <exception cref="TheftModelFormatException">The bytes are not a model this build can load; the message says why.</exception>
    public static HybridTheftDetector Load(ReadOnlySpan<byte> bytes) => TheftModelFormat.Load(bytes);

    /// <summary>A fitted detector from its saved parts.</summary>
    internal static HybridTheftDetector Restore(int intervalsPerDay, TheftDetectorOptions options, ITheftClassifier classifier, LogisticRegressionClassifier combiner, double threshold) =>
        new(intervalsPerDay, options) { _classifier = classifier, _combiner = combiner, Threshold = threshold };

    /// <summary>The fitted classifier and combiner.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    internal (ITheftClassifier Classifier, LogisticRegressionClassifier Combiner) Fitted() =>
        _classifier is not null && _combiner is not null ? (_classifier, _combiner) : throw new InvalidOperationException("The detector is not fitted.");

    /// <summary>
    /// Combiner inputs of every row: logit p, the statistical strength, the attributed balance, and the
    /// household context, logit p minus the median logit p of the household's rows (a household whose
    /// every day looks odd to the classifier is noisy, not a thief every day).
    /// </summary>
    private double[][] CombinerInputs(IReadOnlyList<HouseholdDayFeatures> days, IReadOnlyList<double> probabilities)
    {
        var logits = probabilities.Select(Logit).ToArray();
        var medians = Enumerable.Range(0, days.Count)
            .GroupBy(i => days[i].HouseholdId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => RobustStatistics.Median([.. g.Select(i => logits[i])]), StringComparer.Ordinal);
        return [.. days.Select((d, i) => CombinerInputs(d, logits[i], medians[d.HouseholdId]))];
    }

    private double[] CombinerInputs(HouseholdDayFeatures day, double logit, double householdMedian)
    {
        var strength = StatisticalEvidence.Strength(StatisticalEvidence.Evaluate(day, _intervalsPerDay));
        var balance = day[TheftFeature.BalanceLossZ] > 0 ? Math.Clamp(day[TheftFeature.BalanceAttributed], 0, 1) : 0;
        return [logit, strength, balance, logit - householdMedian];
    }

    private static double Logit(double probability)
    {
        var p = Math.Clamp(probability, 1e-12, 1 - 1e-12);
        return Math.Clamp(Math.Log(p / (1 - p)), -LogitClip, LogitClip);
    }
}
