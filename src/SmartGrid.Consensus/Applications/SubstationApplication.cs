using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Applications;

/// <summary>
/// The fog tier's application, in its first, honest-but-partial form: the concentrators of a
/// substation (the validators) agree on which of their chain heads the substation block anchors.
/// A block's payload is an <see cref="AnchorSet"/>: the heads offered to the proposer that are newer
/// than the committed ones, at most one per concentrator, sorted by id. It is deterministic: valid
/// blocks are judged from the block and the committed chain only.
/// </summary>
/// <remarks>
/// <para>
/// Validity checked here: the payload decodes canonically; every anchor is a concentrator chain
/// head of a member of the validator set, with a sequence above the one last committed for that
/// concentrator; the observations are the neutral ones (<see cref="NeutralObservation"/>, one per
/// validator) and there are no rewards.
/// </para>
/// <para>
/// What the full wiring (issue 4 point 5) still needs: blocks built from the substation grain's
/// pending anchors as an encoded <c>AnchorBlock</c> (with feeder readings and events), each anchor
/// checked against the concentrator's stored chain (signature, link, the head really exists);
/// observations recomputed from committed data by the analytics (forecast error of each area with
/// moving average and ARIMA, losses from the energy balance, completeness of the readings,
/// docs/POEF.md §4) instead of the neutral ones; the household rewards of §8 from the analytics'
/// ranking. All of it is asynchronous in a grain, so it has to be computed before a height starts
/// and handed to the application, which must stay a synchronous, deterministic function.
/// </para>
/// <para>Not thread-safe: the engine that calls it is fed one input at a time.</para>
/// </remarks>
public sealed class SubstationApplication : IConsensusApplication
{
    /// <summary>The observation every validator's area gets until the analytics supply real ones: no error, no losses, complete data.</summary>
    public static readonly EfficiencyObservation NeutralObservation = new(0, 0, EfficiencyObservation.Whole);

    private readonly ValidatorSet _set;
    private readonly ImmutableArray<EfficiencyObservation> _observations;
    private readonly SortedDictionary<DeviceId, Anchor> _offered = [];
    private readonly Dictionary<DeviceId, ulong> _committed = [];

    /// <summary>The application of the validators of <paramref name="set"/> (the concentrators of its chain's substation).</summary>
    public SubstationApplication(ValidatorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
        _observations = [.. Enumerable.Repeat(NeutralObservation, set.Count)];
    }

    /// <summary>Heads offered and not yet committed, at most one per validator.</summary>
    public int Pending => _offered.Count;

    /// <summary>The sequence of the last committed head of <paramref name="concentrator"/>, or null when none is.</summary>
    public ulong? CommittedSequence(DeviceId concentrator) => _committed.TryGetValue(concentrator, out var sequence) ? sequence : null;

    /// <summary>
    /// Offers a concentrator head for the next block this validator proposes. Only a member's
    /// concentrator head newer than both the committed one and any offered before is kept.
    /// </summary>
    /// <returns>Whether the head was kept.</returns>
    public bool Offer(Anchor anchor)
    {
        if (!Acceptable(anchor) || (_offered.TryGetValue(anchor.Child, out var earlier) && earlier.Sequence >= anchor.Sequence))
        {
            return false;
        }

        _offered[anchor.Child] = anchor;
        return true;
    }

    /// <summary>Restores the committed heads from a payload of the stored chain (a validator reactivated from its store), oldest first.</summary>
    public void Restore(ReadOnlySpan<byte> payload) => Apply(AnchorSet.Decode(payload));

    /// <inheritdoc />
    public BlockContent BuildBlock(ulong height, Hash256 previous) =>
        new(_observations, [], AnchorSet.Encode([.. _offered.Values]));

    /// <inheritdoc />
    public bool IsValid(ConsensusBlock block, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!block.Observations.SequenceEqual(_observations) || !block.Rewards.IsEmpty)
        {
            return false;
        }

        try
        {
            return AnchorSet.Decode(payload).All(Acceptable);
        }
        catch (LedgerFormatException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void OnCommitted(ConsensusBlock block, ReadOnlySpan<byte> payload) => Restore(payload);

    private bool Acceptable(Anchor anchor) =>
        anchor.ChildRole == DeviceRole.Concentrator && _set.IndexOf(anchor.Child) >= 0
        && (!_committed.TryGetValue(anchor.Child, out var committed) || anchor.Sequence > committed);

    private void Apply(ImmutableArray<Anchor> anchors)
    {
        foreach (var anchor in anchors)
        {
            _committed[anchor.Child] = anchor.Sequence;
            if (_offered.TryGetValue(anchor.Child, out var offered) && offered.Sequence <= anchor.Sequence)
            {
                _offered.Remove(anchor.Child);
            }
        }
    }
}
