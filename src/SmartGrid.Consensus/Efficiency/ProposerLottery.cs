using System.Buffers.Binary;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// The proposer of (height, round): a lottery weighted by efficiency, max(E(v), floor), whose
/// randomness is SHA-256 of the set id, the previous block hash, the height and the round.
/// Anyone holding the committed chain can recompute it; no one can choose it without choosing
/// the previous block; the floor keeps every validator in the draw.
/// </summary>
public static class ProposerLottery
{
    /// <summary>The index (in <paramref name="set"/>) of the proposer of <paramref name="height"/>, <paramref name="round"/>.</summary>
    /// <exception cref="ArgumentException">The table does not have one score per validator.</exception>
    public static int Draw(ValidatorSet set, EfficiencyTable table, EfficiencyParameters parameters, Hash256 previous, ulong height, int round)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(parameters);
        if (table.Scores.Length != set.Count)
        {
            throw new ArgumentException($"the table has {table.Scores.Length} scores for {set.Count} validators", nameof(table));
        }

        ulong total = 0;
        foreach (var score in table.Scores)
        {
            total += Weight(score, parameters);
        }

        // Rejection sampling keeps the draw exactly proportional: values at or above the largest
        // multiple of the total are redrawn with the next counter.
        var limit = ulong.MaxValue - (ulong.MaxValue % total);
        var point = 0UL;
        for (var counter = 0u; ; counter++)
        {
            var draw = Seed(set.Id, previous, height, round, counter);
            if (draw < limit)
            {
                point = draw % total;
                break;
            }
        }

        for (var i = 0; i < table.Scores.Length; i++)
        {
            var weight = Weight(table.Scores[i], parameters);
            if (point < weight)
            {
                return i;
            }

            point -= weight;
        }

        throw new InvalidOperationException("the draw fell outside the total weight");
    }

    /// <summary>Lottery weight of a score: the score, but never below the floor.</summary>
    public static ulong Weight(uint score, EfficiencyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return (ulong)Math.Max(score, parameters.FloorWeight);
    }

    private static ulong Seed(Hash256 setId, Hash256 previous, ulong height, int round, uint counter)
    {
        var writer = new CanonicalWriter(96);
        writer.WriteByte((byte)ConsensusRecordType.LotterySeed);
        writer.WriteBytes(setId.Span);
        writer.WriteBytes(previous.Span);
        writer.WriteUInt64(height);
        writer.WriteUInt32((uint)round);
        writer.WriteUInt32(counter);
        return BinaryPrimitives.ReadUInt64LittleEndian(Hash256.Compute(writer.WrittenSpan).Span);
    }
}
