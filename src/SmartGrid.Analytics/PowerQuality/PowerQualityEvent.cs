namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// One power-quality event. <see cref="Start"/> is the start of the first sample past the start threshold,
/// <see cref="End"/> the end of the last sample before the quantity met the end threshold (start threshold
/// plus hysteresis), so <see cref="Duration"/> is a whole number of sample intervals.
/// </summary>
/// <param name="Standard">The standard whose definitions classify the event.</param>
/// <param name="Kind">What happened.</param>
/// <param name="DurationClass">The duration class the standard gives it.</param>
/// <param name="Classification">The standard's category in words, e.g. "IEEE 1159 2.2.2 momentary sag" or "EN 50160 dip B4 (residual 70-80 %, 1-5 s)".</param>
/// <param name="Start">When the event started.</param>
/// <param name="End">When it ended.</param>
/// <param name="Extreme">The extreme value: the residual (lowest) voltage of a dip or interruption, the highest of a swell, the furthest frequency or the highest THD.</param>
/// <param name="ExtremePercent">The extreme as a percentage of nominal (of the limit for THD).</param>
/// <param name="Phase">The zero-based channel where the extreme was seen.</param>
/// <param name="Censored">True when the start or the end was not observed (series edge, missing sample or gap): the duration is then a lower bound.</param>
public sealed record PowerQualityEvent(
    PowerQualityStandard Standard,
    PowerQualityEventKind Kind,
    PowerQualityDuration DurationClass,
    string Classification,
    DateTimeOffset Start,
    DateTimeOffset End,
    double Extreme,
    double ExtremePercent,
    int Phase,
    bool Censored)
{
    /// <summary>How long the event lasted.</summary>
    public TimeSpan Duration => End - Start;
}
