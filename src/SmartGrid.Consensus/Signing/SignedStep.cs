using SmartGrid.Consensus.Engine;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Signing;

/// <summary>
/// The last message a validator signed: its height, round and step, and the SHA-256 of the bytes
/// it signed. Steps are ordered by (height, round, step), proposal before prevote before precommit.
/// </summary>
/// <param name="Height">Height of the signed message.</param>
/// <param name="Round">Round of the signed message.</param>
/// <param name="Step">Proposal (<see cref="RoundStep.Propose"/>), prevote or precommit.</param>
/// <param name="Digest">SHA-256 of the signed bytes: re-signing the same bytes yields the same Ed25519 signature, anything else at this step would be an equivocation.</param>
public readonly record struct SignedStep(ulong Height, int Round, RoundStep Step, Hash256 Digest) : IComparable<SignedStep>
{
    /// <summary>Orders by height, then round, then step; the digest does not take part.</summary>
    public int CompareTo(SignedStep other)
    {
        var byHeight = Height.CompareTo(other.Height);
        if (byHeight != 0)
        {
            return byHeight;
        }

        var byRound = Round.CompareTo(other.Round);
        return byRound != 0 ? byRound : Step.CompareTo(other.Step);
    }

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(SignedStep left, SignedStep right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(SignedStep left, SignedStep right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> comes before or at <paramref name="right"/>.</summary>
    public static bool operator <=(SignedStep left, SignedStep right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> comes after or at <paramref name="right"/>.</summary>
    public static bool operator >=(SignedStep left, SignedStep right) => left.CompareTo(right) >= 0;
}
