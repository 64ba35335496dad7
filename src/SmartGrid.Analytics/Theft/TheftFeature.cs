namespace SmartGrid.Analytics.Theft;

/// <summary>
/// The features of one household-day, in the order of <see cref="TheftFeatureExtractor.FeatureNames"/>.
/// "Own" statistics are the household's median (and MAD-based sigma) over all of its days; z-scores
/// are (value − own median) / own sigma.
/// </summary>
public enum TheftFeature
{
    /// <summary>log(day total / own median day total).</summary>
    LevelLog,

    /// <summary>Robust z of the log day total against the household's days.</summary>
    LevelZ,

    /// <summary>Level log minus the cohort's median level log on the same date (removes weather and holidays).</summary>
    CohortLevel,

    /// <summary>Robust z of <see cref="CohortLevel"/>.</summary>
    CohortZ,

    /// <summary>log(10th-percentile reading / own median of it): the standby base load.</summary>
    BaseLog,

    /// <summary>Robust z of <see cref="BaseLog"/>.</summary>
    BaseZ,

    /// <summary>log(day peak / own median peak).</summary>
    PeakLog,

    /// <summary>Robust z of <see cref="PeakLog"/>.</summary>
    PeakZ,

    /// <summary>Pearson correlation of the day with the household's typical profile (per-interval median over days of the same type).</summary>
    ProfileCorrelation,

    /// <summary>Robust z of <see cref="ProfileCorrelation"/>.</summary>
    ProfileCorrelationZ,

    /// <summary>Correlation of the reversed day with the typical profile minus that of the day.</summary>
    ReversalGain,

    /// <summary>Lag-1 autocorrelation of the day.</summary>
    Lag1,

    /// <summary>Robust z of <see cref="Lag1"/>.</summary>
    Lag1Z,

    /// <summary>Robust z of log(mean |Δx| / mean x): roughness.</summary>
    RoughnessZ,

    /// <summary>log(coefficient of variation / own median of it).</summary>
    VariationLog,

    /// <summary>Robust z of the log coefficient of variation.</summary>
    VariationZ,

    /// <summary>Longest run of zero readings, as a fraction of the day.</summary>
    ZeroRun,

    /// <summary><see cref="ZeroRun"/> minus the household's own median of it.</summary>
    ZeroRunExcess,

    /// <summary>Fraction of zero readings.</summary>
    ZeroFraction,

    /// <summary>Kolmogorov-Smirnov distance between the day's readings and all the household's readings.</summary>
    DistributionShift,

    /// <summary>Robust z of <see cref="DistributionShift"/>.</summary>
    DistributionShiftZ,

    /// <summary>Maximum of the lower CUSUM of interval residuals against the typical profile (k = 0.5).</summary>
    Cusum,

    /// <summary>Robust z of <see cref="Cusum"/>.</summary>
    CusumZ,

    /// <summary>L1 distance between the day's normalised shape and the typical profile's.</summary>
    ShapeDistance,

    /// <summary>Robust z of <see cref="ShapeDistance"/>.</summary>
    ShapeDistanceZ,

    /// <summary>Fraction of intervals below half of the typical profile.</summary>
    BelowHalfProfile,

    /// <summary>Share of the day's energy in the household's quiet intervals (the quarter of the day lowest in its typical profile), minus its own median share.</summary>
    QuietShareExcess,

    /// <summary>Robust z of the log mean reading in the household's quiet intervals (its night or standby level).</summary>
    QuietLevelZ,

    /// <summary>Correlation with the typical profile after summing into 12 blocks (2 hours at any interval): less noisy than per interval.</summary>
    BlockCorrelation,

    /// <summary>Robust z of <see cref="BlockCorrelation"/>.</summary>
    BlockCorrelationZ,

    /// <summary>Block correlation of the reversed day with the typical profile minus that of the day.</summary>
    BlockReversalGain,

    /// <summary>
    /// log(D / D_rev): D = Σ |x_t − r_t| / s_t is the day's distance from the typical profile r in
    /// per-interval robust sigmas s_t, D_rev the same for the reversed day. Positive when the day fits
    /// its profile better reversed (h6).
    /// </summary>
    ReversalDistanceLog,

    /// <summary>Robust z of <see cref="ReversalDistanceLog"/>.</summary>
    ReversalDistanceZ,

    /// <summary>log of the least-squares scale of the day on its typical profile, Σ x_t r_t / Σ r_t², minus its own median.</summary>
    ProfileScaleLog,

    /// <summary>Robust z of the profile scale's log.</summary>
    ProfileScaleZ,

    /// <summary>Mean standardised residual (x_t − r_t) / s_t over the day.</summary>
    StandardisedResidual,

    /// <summary>
    /// log(NN / NN_rev): NN is the L1 distance (hourly sums) from the day to its nearest other day of
    /// the household, NN_rev the same for the reversed day. Positive when the reversed day looks more
    /// like some real day of the household (h6), even for households with several routines.
    /// </summary>
    NearestReversalLog,

    /// <summary>Robust z of log NN: how unlike any other day of the household the day is (novelty).</summary>
    NoveltyZ,

    /// <summary>log(day total / total of the day nearest in normalised hourly shape): the level against a day of the same routine (h1).</summary>
    ShapeTwinLevelLog,

    /// <summary>Robust z of the feeder's daily unexplained-loss ratio (0 without a feeder).</summary>
    BalanceLossZ,

    /// <summary>Unexplained feeder loss attributed to this household, as a fraction of its typical day (0 without a feeder).</summary>
    BalanceAttributed,

    /// <summary>Robust z of <see cref="ReversalGain"/>: a reversed day moves this antisymmetric statistic to minus its usual value.</summary>
    ReversalGainZ,

    /// <summary>Robust z of <see cref="BlockReversalGain"/>.</summary>
    BlockReversalGainZ,

    /// <summary>Robust z of <see cref="NearestReversalLog"/>.</summary>
    NearestReversalZ,

    /// <summary>
    /// log(H / H_rev): H is the mean over the hours of the day of |log e_h − m_h| / s_h, with m_h and
    /// s_h the median and robust sigma of the household's log hourly energy at that clock hour (days of
    /// the same type), H_rev the same for the reversed day. Positive when the day fits the household's
    /// hours better reversed (h6); per hour and in logs, so one large appliance does not dominate.
    /// </summary>
    HourlyReversalLog,

    /// <summary>Robust z of <see cref="HourlyReversalLog"/>.</summary>
    HourlyReversalZ,

    /// <summary>Robust z of log H (<see cref="HourlyReversalLog"/>): how far the day's hours are from the household's usual hours.</summary>
    HourlyDeviationZ,

    /// <summary>
    /// log(W / W_rev): W is the Wasserstein-1 (earth mover's) distance along the clock between the
    /// day's normalised hourly energy and the household's typical hourly shape, W_rev the same for the
    /// reversed day: a reversal moves energy across the day, which W measures by how far it moved.
    /// </summary>
    EarthMoverReversalLog,

    /// <summary>Robust z of <see cref="EarthMoverReversalLog"/>.</summary>
    EarthMoverReversalZ,

    /// <summary>log(energy 00:00-06:00 / energy 18:00-24:00) minus the household's own median of it (a reversal swaps the two).</summary>
    NightEveningLog,

    /// <summary>Robust z of the night-to-evening log ratio.</summary>
    NightEveningZ,

    /// <summary>Robust z of the energy-weighted mean clock time of the day (a reversal maps c to 1 − c).</summary>
    TimeCentroidZ,

    /// <summary>Robust z of the hour by which the day has used a quarter of its energy (the morning ramp).</summary>
    QuarterEnergyTimeZ,

    /// <summary>Correlation of the reversed day's hourly shape with the cohort's median hourly shape on that date, minus that of the day.</summary>
    CohortReversalGain,

    /// <summary>Robust z of <see cref="CohortReversalGain"/>.</summary>
    CohortReversalZ,

    /// <summary>Robust z of the log day total against the other days within a week either side (removes slow drifts such as heating).</summary>
    LocalLevelZ,

    /// <summary>Robust z of the log day total against the household's other days of the same weekday.</summary>
    WeekdayLevelZ,

    /// <summary>Robust z of the log lower-quartile reading (h1 scales it; a day out mostly does not).</summary>
    LowerQuartileZ,

    /// <summary>Robust z of the log median reading.</summary>
    MedianReadingZ,

    /// <summary>Fraction of the household's other days with a smaller total (the day's rank among them).</summary>
    LevelRank,

    /// <summary>
    /// Robust z of the log day total against its peers: the centred log total minus the median, on the
    /// same date, of the households whose daily levels correlate best with this one's (same heating,
    /// same holidays), a sharper expectation than the whole cohort's.
    /// </summary>
    PeerLevelZ,

    /// <summary>
    /// Log-likelihood ratio of "reversed" against "as recorded" for the day's half-hourly shape, from a
    /// linear discriminant between the household's other days and their reversals (h6).
    /// </summary>
    ReversalDiscriminant,

    /// <summary>
    /// Generalised-least-squares shift of the day's log hourly energies against the household's other
    /// days (their mean and covariance), in standard errors (h1 shifts every hour by log a).
    /// </summary>
    LevelShiftZ,

    /// <summary>Robust z of the step into the day at midnight minus the step out of it (log first/last hour against the neighbouring days'; h1 scales both edges).</summary>
    MidnightStepZ,

    /// <summary>Robust z of the skewness of the day's increments, signed against the household's usual direction of time (a reversal flips it).</summary>
    IrreversibilityZ,

    /// <summary>Coefficient of the member's own readings in the interval-by-interval fit of the feeder's missing energy (h1 leaves 1/a − 1; 0 without a feeder).</summary>
    BalanceScaleFit,

    /// <summary>Coefficient of the member's reversed-minus-reported readings in the same fit (a reversal leaves 1; 0 without a feeder).</summary>
    BalanceReversalFit,

    /// <summary>log(1 + F), F the partial F statistic of the member's signatures in the interval-by-interval fit of the feeder's missing energy (0 without a feeder).</summary>
    BalanceIntervalF,
}
