using SmartGrid.Consensus.Engine;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Signing;

/// <summary>
/// The rule that keeps a validator from equivocating across restarts: it signs a proposal or a
/// vote only at a step after the last one it signed, or the very same bytes again. The host
/// persists <see cref="Last"/> and <see cref="Lock"/> before it sends what was signed, and
/// restores them with <see cref="SigningGuard(SignedStep?, SigningLock?)"/> after a restart.
/// </summary>
/// <remarks>
/// <para>
/// Steps are ordered (height, round, step). A message at a step before <see cref="Last"/> is
/// <see cref="SignVerdict.Regressed"/>; other bytes at the same step are
/// <see cref="SignVerdict.Conflicting"/>. Ed25519 signatures are deterministic, so signing the same
/// bytes twice produces the same message, which receivers drop as a duplicate.
/// </para>
/// <para>
/// An engine rebuilt after a restart starts its height afresh, without the lock it held
/// (docs/POEF.md §7.2). Safety needs that lock: a validator that precommitted a block and then
/// prevotes another one in a later round, without the proof-of-lock that frees it, behaves as a
/// byzantine one. So a guard restored with a lock refuses prevotes for any other block at that
/// height (<see cref="SignVerdict.AgainstLock"/>) until the engine precommits again, which gives it
/// a lock of its own. The restored validator may then abstain where the lost lock would have been
/// freed; abstaining is always safe, and the others carry the round.
/// </para>
/// <para>Pure and not thread-safe, like the engine that consults it.</para>
/// </remarks>
public sealed class SigningGuard
{
    private SigningLock? _enforced;

    /// <summary>A guard for a validator that has signed nothing yet.</summary>
    public SigningGuard()
    {
    }

    /// <summary>A guard restored from what the host persisted: <paramref name="last"/> signed step and <paramref name="lockTaken"/> (enforced, see the remarks).</summary>
    public SigningGuard(SignedStep? last, SigningLock? lockTaken)
    {
        Last = last;
        Lock = lockTaken;
        _enforced = lockTaken;
    }

    /// <summary>The last step signed, or null.</summary>
    public SignedStep? Last { get; private set; }

    /// <summary>The last block precommitted, or null.</summary>
    public SigningLock? Lock { get; private set; }

    /// <summary>Incremented whenever <see cref="Last"/> or <see cref="Lock"/> changes: the host persists when it moved.</summary>
    public long Version { get; private set; }

    /// <summary>The round to resume <paramref name="height"/> at: the round last signed there, or 0.</summary>
    public int ResumeRound(ulong height) => Last is { } last && last.Height == height ? last.Round : 0;

    /// <summary>What signing <paramref name="signedBytes"/> at this step would be; records nothing.</summary>
    /// <param name="height">Height of the message.</param>
    /// <param name="round">Round of the message.</param>
    /// <param name="step">Proposal, prevote or precommit.</param>
    /// <param name="blockId">The block proposed or voted for; null for a nil vote.</param>
    /// <param name="signedBytes">The exact bytes to be signed.</param>
    public SignVerdict Check(ulong height, int round, RoundStep step, Hash256? blockId, ReadOnlySpan<byte> signedBytes) =>
        Judge(new SignedStep(height, round, step, Hash256.Compute(signedBytes)), blockId);

    /// <summary>
    /// Records the message and returns true when it may be signed (<see cref="SignVerdict.Fresh"/> or
    /// <see cref="SignVerdict.Repeat"/>); returns false, recording nothing, otherwise.
    /// </summary>
    /// <inheritdoc cref="Check" path="/param"/>
    public bool TryAdmit(ulong height, int round, RoundStep step, Hash256? blockId, ReadOnlySpan<byte> signedBytes)
    {
        var next = new SignedStep(height, round, step, Hash256.Compute(signedBytes));
        switch (Judge(next, blockId))
        {
            case SignVerdict.Repeat:
                return true;
            case SignVerdict.Fresh:
                Last = next;
                if (step == RoundStep.Precommit && blockId is { } id)
                {
                    Lock = new SigningLock(height, round, id);
                    _enforced = null;
                }

                if (_enforced is { } restored && height > restored.Height)
                {
                    _enforced = null;
                }

                Version++;
                return true;
            default:
                return false;
        }
    }

    private SignVerdict Judge(SignedStep next, Hash256? blockId)
    {
        if (Last is { } last)
        {
            if (next < last)
            {
                return SignVerdict.Regressed;
            }

            if (next.CompareTo(last) == 0)
            {
                return next.Digest == last.Digest ? SignVerdict.Repeat : SignVerdict.Conflicting;
            }
        }

        return _enforced is { } held && next.Step == RoundStep.Prevote && next.Height == held.Height
            && blockId is { } id && id != held.BlockId
            ? SignVerdict.AgainstLock
            : SignVerdict.Fresh;
    }
}
