namespace SmartGrid.Analytics.PowerQuality;

/// <summary>One EN 50160 observation week.</summary>
/// <param name="Start">Start of the week.</param>
/// <param name="End">End of the week (seven days later).</param>
/// <param name="IsComplete">True when the series spans the whole week; only complete weeks decide compliance.</param>
/// <param name="ExcludedValues">10-minute values left out because they overlap a supply interruption (EN 50160 4.2.2 excludes them).</param>
/// <param name="Phases">Supply voltage variations per phase.</param>
/// <param name="Thd">THD against 8 %, when a THD series was given.</param>
/// <param name="Unbalance">Unbalance against 2 %, when the voltage has three phases (from phase-to-neutral magnitudes, see <see cref="VoltageUnbalance.FromPhaseVoltages"/>).</param>
/// <param name="Compliant">True when every phase, the THD and the unbalance comply.</param>
public sealed record WeeklyCompliance(
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsComplete,
    int ExcludedValues,
    IReadOnlyList<PhaseCompliance> Phases,
    LimitCompliance? Thd,
    LimitCompliance? Unbalance,
    bool Compliant);
