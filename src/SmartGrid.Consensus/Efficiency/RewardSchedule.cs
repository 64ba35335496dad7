using System.Collections.Immutable;
using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// How a block's reward budget is shared among the most efficient households (docs/POEF.md §8):
/// the top <c>k</c> by integer efficiency score (ties by id) share the budget in proportion to
/// their scores, and the remainder of the integer division goes to the first. Every validator
/// computes the same list, so a block with any other list is invalid.
/// </summary>
public static class RewardSchedule
{
    /// <summary>The rewards of one block.</summary>
    /// <param name="budget">Milli-credits the block hands out.</param>
    /// <param name="scores">Household efficiency scores (integers; those at or below zero earn nothing).</param>
    /// <param name="top">How many households are rewarded at most.</param>
    public static ImmutableArray<Reward> Split(ulong budget, IEnumerable<(DeviceId Household, long Score)> scores, int top)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var winners = scores
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Household)
            .Take(top)
            .ToList();
        if (winners.Count == 0 || budget == 0)
        {
            return [];
        }

        var total = winners.Aggregate(UInt128.Zero, (sum, w) => sum + (ulong)w.Score);
        var shares = winners.Select(w => (ulong)(budget * (UInt128)(ulong)w.Score / total)).ToArray();
        shares[0] += budget - shares.Aggregate(0UL, (sum, share) => sum + share);
        return [.. winners.Select((w, i) => new Reward(w.Household, shares[i]))];
    }
}
