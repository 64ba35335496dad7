namespace SmartGrid.Analytics.Efficiency;

/// <summary>One household's efficiency score, its parts and its place in the ranking.</summary>
/// <param name="HouseholdId">The household.</param>
/// <param name="Rank">1 for the most efficient.</param>
/// <param name="Score">The weighted score in [0, 1].</param>
/// <param name="ScorePpm">The score in parts per million, rounded half to even: the integer PoEf commits and ranks by.</param>
/// <param name="BaselineScore">Consumption against its own baseline, in [0, 1].</param>
/// <param name="CohortScore">Share of the cohort that used more per interval, in [0, 1] (ties count half).</param>
/// <param name="PeakScore">Mean load factor (mean over peak) per peak period, in [0, 1].</param>
/// <param name="DemandResponseScore">Share of the requested reduction delivered, in [0, 1]; null when it had no event.</param>
/// <param name="ConsumptionKwh">Energy used over the intervals judged (negative intervals counted as zero).</param>
/// <param name="BaselineKwh">Baseline energy over the same intervals.</param>
public sealed record HouseholdEfficiency(
    string HouseholdId,
    int Rank,
    double Score,
    long ScorePpm,
    double BaselineScore,
    double CohortScore,
    double PeakScore,
    double? DemandResponseScore,
    double ConsumptionKwh,
    double BaselineKwh);
