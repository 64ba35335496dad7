using System.Collections.Immutable;
using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// The efficiency rewards of a block of the fog tier (POEF.md §8): the households of its areas are
/// scored by the integer form of the analytics' household efficiency (A6, docs/POWER_QUALITY.md "Efficiency",
/// without demand response, which no block records yet), and the best share the block's budget
/// (<see cref="RewardSchedule"/>).
/// </summary>
/// <remarks>
/// In ppm, each part in [0, 10⁶]: baseline <c>B = 500,000 + 10⁶·(b − c)/b</c> clipped (the A6 part
/// with a span of 0.5: using half as much as the window before scores 1, half again as much 0);
/// cohort <c>C = (2·higher + ties)·500,000/(N − 1)</c> over the N households ranked, by mean use per
/// reading (500,000 alone); load factor <c>P = 10⁶·c/(steps·peak)</c>. Score
/// <c>(3B + 2C + 2P)/7</c>, A6's weights 0.3, 0.2 and 0.2. Integer arithmetic only.
/// </remarks>
public static class HouseholdRewards
{
    private const long Million = 1_000_000;

    /// <summary>Each household's score in ppm, in the order given.</summary>
    /// <exception cref="ArgumentException">A household is listed twice.</exception>
    public static ImmutableArray<(DeviceId Household, long Score)> Score(IReadOnlyList<HouseholdWindow> households)
    {
        ArgumentNullException.ThrowIfNull(households);
        if (households.GroupBy(h => h.Household).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"household '{twice.Key}' is listed twice", nameof(households));
        }

        var scores = ImmutableArray.CreateBuilder<(DeviceId, long)>(households.Count);
        foreach (var h in households)
        {
            var baseline = (long)Int128.Clamp((Million / 2) + FloorDivision((Int128)Million * ((Int128)h.BaselineWh - h.ConsumedWh), h.BaselineWh), 0, Million);
            var load = (long)Int128.Min(Million, (Int128)Million * h.ConsumedWh / ((Int128)h.Steps * h.PeakWh));
            long higher = 0, ties = 0;
            foreach (var other in households)
            {
                if (other.Household == h.Household)
                {
                    continue;
                }

                // Mean use per reading, compared as fractions: c_o/s_o against c_h/s_h.
                var comparison = ((Int128)other.ConsumedWh * h.Steps).CompareTo((Int128)h.ConsumedWh * other.Steps);
                higher += comparison > 0 ? 1 : 0;
                ties += comparison == 0 ? 1 : 0;
            }

            var cohort = households.Count == 1 ? Million / 2 : ((2 * higher) + ties) * (Million / 2) / (households.Count - 1);
            scores.Add((h.Household, ((3 * baseline) + (2 * cohort) + (2 * load)) / 7));
        }

        return scores.MoveToImmutable();
    }

    /// <summary>⌊a / b⌋ for b &gt; 0 (C# division truncates towards zero).</summary>
    private static Int128 FloorDivision(Int128 a, Int128 b)
    {
        var quotient = a / b;
        return a % b != 0 && a < 0 ? quotient - 1 : quotient;
    }

    /// <summary>The rewards of a block whose areas show <paramref name="households"/>, under <paramref name="parameters"/>' budget.</summary>
    public static ImmutableArray<Reward> Of(IReadOnlyList<HouseholdWindow> households, EfficiencyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return RewardSchedule.Split(parameters.RewardBudget, Score(households), parameters.RewardedHouseholds);
    }
}
