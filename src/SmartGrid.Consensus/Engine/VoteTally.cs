using SmartGrid.Consensus.Messages;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Engine;

/// <summary>
/// The votes of one type in one round, counted per block id (nil as <see cref="Hash256.Zero"/>).
/// A validator that equivocates counts once for each block it signed for (up to
/// <see cref="MaxPerValidator"/>): otherwise two honest validators that heard its two votes in
/// different orders would count different quorums, and a proof-of-lock one of them relays could
/// not convince the other. Counting both is safe: two quorums for different blocks would still
/// share an honest validator, who never signs both.
/// </summary>
internal sealed class VoteTally
{
    /// <summary>Distinct blocks one validator is counted for in one round and step.</summary>
    public const int MaxPerValidator = 8;

    private readonly List<Vote>?[] _byValidator;
    private readonly Dictionary<Hash256, int> _counts = [];

    public VoteTally(int validators) => _byValidator = new List<Vote>?[validators];

    /// <summary>Distinct validators that voted, whatever for.</summary>
    public int Total { get; private set; }

    /// <summary>Records <paramref name="vote"/> of validator <paramref name="index"/>; returns an earlier vote of it for another block (equivocation), or null.</summary>
    public Vote? Add(int index, Vote vote)
    {
        var votes = _byValidator[index] ??= [];
        if (votes.Any(v => Nullable.Equals(v.BlockId, vote.BlockId)))
        {
            return null;
        }

        if (votes.Count == 0)
        {
            Total++;
        }

        var earlier = votes.Count > 0 ? votes[0] : null;
        if (votes.Count < MaxPerValidator)
        {
            votes.Add(vote);
            var key = vote.BlockId ?? Hash256.Zero;
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }

        return earlier;
    }

    /// <summary>Distinct validators that voted for <paramref name="blockId"/> (null: nil).</summary>
    public int Count(Hash256? blockId) => _counts.GetValueOrDefault(blockId ?? Hash256.Zero);

    /// <summary>Block ids (not nil) with at least <paramref name="quorum"/> votes.</summary>
    public IEnumerable<Hash256> WithQuorum(int quorum) => _counts.Where(c => c.Value >= quorum && !c.Key.IsZero).Select(c => c.Key);

    /// <summary>The votes for <paramref name="blockId"/>, one per validator.</summary>
    public IEnumerable<Vote> For(Hash256 blockId) =>
        _byValidator.SelectMany(votes => votes ?? []).Where(v => v.BlockId == blockId);
}
