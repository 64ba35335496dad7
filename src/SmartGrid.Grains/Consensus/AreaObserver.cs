using System.Collections.Concurrent;
using System.Collections.Immutable;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Consensus;

/// <summary>
/// Reads, from the ledger store, what each validator's area shows in an anchor block body
/// (docs/POEF.md §4.1) and computes the members' observations: for a concentrator (fog tier), the
/// <see cref="AreaWindow"/> of its anchored head (feeder readings, the last day of them before it,
/// the registers of the meters it anchors, and the meters expected of it and missing); for a
/// substation (cloud tier), the mean of its own validators' observations in the consensus block
/// that certified its anchored head.
/// </summary>
/// <remarks>
/// Everything read is hash-linked back from an anchored head, so an observation is a fact about the
/// data the body names: the observations are cached by anchor (chain, sequence, head hash), shared by
/// every validator in the process (the n validators of a set in one silo judge the same body), and a
/// cache changes what is read, never the result. Thread-safe.
/// </remarks>
public sealed class AreaObserver
{
    /// <summary>Blocks of a concentrator's chain read before its anchored head for the feeder history (at least one reading each).</summary>
    public const int HistoryBlocks = AreaObservations.HistoryReadings;

    /// <summary>Blocks of a meter's chain read back from its anchored head, the head included.</summary>
    public const int MeterBlocks = 4;

    /// <summary>Most observations (and feeder histories) kept; each cache is emptied when full.</summary>
    public const int Capacity = 16_384;

    private readonly ConcurrentDictionary<Anchor, AreaView> _views = new();
    private readonly ConcurrentDictionary<DeviceId, FeederHistory> _histories = new();

    /// <summary>Observations computed (not found in the cache), for tests and metrics.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    private long _computed;

    /// <summary>
    /// What <paramref name="body"/> must carry: one observation per member of <paramref name="set"/>,
    /// in set order (the member's anchored head observed, or <see cref="AreaObservations.Absent"/>
    /// when the body does not anchor it), and the rewards of the households of the areas it
    /// anchors under <paramref name="parameters"/> (POEF.md §8; none in the cloud tier, whose
    /// households were rewarded in the blocks below).
    /// </summary>
    /// <exception cref="AreaDataException">A chain in the store does not hold, or does not link to, what the body anchors.</exception>
    public async ValueTask<(ImmutableArray<EfficiencyObservation> Observations, ImmutableArray<Reward> Rewards)> ObserveAsync(
        ILedgerStore store, IPkiStore pki, PublicKey trustAnchor, ValidatorSet set, AnchorBlock body, EfficiencyParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(parameters);
        var observations = new EfficiencyObservation[set.Count];
        Array.Fill(observations, AreaObservations.Absent);
        var households = new List<HouseholdWindow>();
        foreach (var anchor in body.Anchors)
        {
            var index = set.IndexOf(anchor.Child);
            if (index >= 0)
            {
                var view = await ViewAsync(store, pki, trustAnchor, anchor, cancellationToken).ConfigureAwait(false);
                observations[index] = view.Observation;
                households.AddRange(view.Households);
            }
        }

        // A meter anchored by two areas (moved between concentrators) is ranked once, by its first.
        var ranked = households.DistinctBy(h => h.Household).ToList();
        return ([.. observations], HouseholdRewards.Of(ranked, parameters));
    }

    /// <summary>The observation of the area whose head <paramref name="anchor"/> names.</summary>
    /// <exception cref="AreaDataException">The store does not hold, or does not link to, the anchored head.</exception>
    public async ValueTask<EfficiencyObservation> ObserveAsync(ILedgerStore store, IPkiStore pki, PublicKey trustAnchor, Anchor anchor, CancellationToken cancellationToken = default) =>
        (await ViewAsync(store, pki, trustAnchor, anchor, cancellationToken).ConfigureAwait(false)).Observation;

    private async ValueTask<AreaView> ViewAsync(ILedgerStore store, IPkiStore pki, PublicKey trustAnchor, Anchor anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (_views.TryGetValue(anchor, out var known))
        {
            return known;
        }

        AreaView view;
        if (anchor.ChildRole == DeviceRole.Concentrator)
        {
            var window = await WindowAsync(store, anchor, cancellationToken).ConfigureAwait(false);
            view = new AreaView(AreaObservations.Of(window), AreaObservations.Households(window));
        }
        else
        {
            view = new AreaView(anchor.ChildRole == DeviceRole.Substation ? await SubstationAsync(store, pki, trustAnchor, anchor, cancellationToken).ConfigureAwait(false) : AreaObservations.Absent, []);
        }

        Interlocked.Increment(ref _computed);
        Remember(_views, anchor, view);
        return view;
    }

    // A substation's area is its concentrators' areas: the mean of the observations its validators
    // committed with its anchored head, once its commit evidence checks out against the sets
    // stored for its chain (the evidence is outside every hash: unchecked, a node could store any).
    // A head sealed alone, or with evidence that does not prove its commit, shows nothing.
    private static async ValueTask<EfficiencyObservation> SubstationAsync(ILedgerStore store, IPkiStore pki, PublicKey trustAnchor, Anchor anchor, CancellationToken cancellationToken)
    {
        var head = (AnchorBlock)(await ReadLinkedAsync(store, anchor, 1, cancellationToken).ConfigureAwait(false))[^1];
        if (head.Evidence is not { } evidence)
        {
            return AreaObservations.Absent;
        }

        // The sets the audit would trust: stored for the chain, every member certified by the root.
        var sets = (await StoredValidatorSets.LoadAsync(store, pki, trustAnchor, anchor.Child, cancellationToken).ConfigureAwait(false)).Sets;
        if (new AnchorCommitVerifier(sets.Where(s => s.Id == evidence.SetId)).Verify(head, (long)anchor.Sequence) is not null)
        {
            return AreaObservations.Absent;
        }

        var members = ConsensusBlock.Decode(evidence.ConsensusHeader.Span).Observations;

        if (members.IsDefaultOrEmpty)
        {
            return AreaObservations.Absent;
        }

        var n = (ulong)members.Length;
        return new EfficiencyObservation(
            (uint)(members.Aggregate(0UL, (sum, o) => sum + o.ForecastErrorBp) / n),
            (uint)(members.Aggregate(0UL, (sum, o) => sum + o.LossBp) / n),
            (uint)(members.Aggregate(0UL, (sum, o) => sum + o.CompletenessBp) / n));
    }

    private async ValueTask<AreaWindow> WindowAsync(ILedgerStore store, Anchor anchor, CancellationToken cancellationToken)
    {
        // The history: the feeder readings of the HistoryBlocks blocks before the head and the
        // meters they anchored, from the cache when it holds the block just before the head, else
        // read back (the same blocks either way).
        ImmutableArray<ImmutableArray<FeederReading>> before = default;
        var recent = ImmutableDictionary<DeviceId, ulong>.Empty;
        AnchorBlock? head = null;
        if (anchor.Sequence > 0 && _histories.TryGetValue(anchor.Child, out var cached) && cached.Sequence == anchor.Sequence - 1)
        {
            head = (AnchorBlock)(await ReadLinkedAsync(store, anchor, 1, cancellationToken).ConfigureAwait(false))[0];
            if (head.Previous == cached.Head)
            {
                before = cached.Blocks;
                recent = cached.Meters;
            }
            else
            {
                // The chain the cache saw is not the one stored now: read the history again.
                head = null;
            }
        }

        if (head is null)
        {
            var blocks = await ReadLinkedAsync(store, anchor, HistoryBlocks + 1, cancellationToken).ConfigureAwait(false);
            head = (AnchorBlock)blocks[^1];
            var earlier = blocks.Take(blocks.Count - 1).Cast<AnchorBlock>().ToList();
            before = [.. earlier.Select(b => b.Header.Feeder)];
            recent = LastAnchored(earlier, anchor.Sequence);
        }

        var history = before.SelectMany(f => f).ToImmutableArray();
        history = history.Length <= AreaObservations.HistoryReadings ? history : history[^AreaObservations.HistoryReadings..];
        var through = before.Length < HistoryBlocks ? before.Add(head.Header.Feeder) : before.RemoveAt(0).Add(head.Header.Feeder);
        Remember(_histories, anchor.Child, new FeederHistory(anchor.Sequence, anchor.Head, through, Through(recent, head, anchor.Sequence, through.Length)));

        var meters = ImmutableArray.CreateBuilder<MeterReadings>();
        var unreadable = 0;
        foreach (var meter in head.Anchors.Where(a => a.ChildRole == DeviceRole.Meter))
        {
            try
            {
                meters.Add(new MeterReadings(meter.Child, Registers(await ReadLinkedAsync(store, meter, MeterBlocks, cancellationToken).ConfigureAwait(false))));
            }
            catch (AreaDataException)
            {
                // An anchored meter block missing or altered in the store (the audit names it) is
                // data that did not arrive: the area is observed without it, and a deleted block
                // cannot stall the validators.
                unreadable++;
            }
        }

        // Expected and not anchored: named silent by the head, or anchored by the history and left out.
        var missing = AreaObservations.MissingMeters(recent.Keys, head.Anchors, head.Header.Events);
        return new AreaWindow(history, head.Header.Feeder, meters.ToImmutable(), missing + unreadable);
    }

    // Each meter the blocks before the head at `sequence` anchor (consecutive, oldest first), with
    // the sequence of the last of them that does, counted from the head back (not from the
    // blocks' own fields), as the cache counts.
    private static ImmutableDictionary<DeviceId, ulong> LastAnchored(List<AnchorBlock> blocks, ulong sequence)
    {
        var last = ImmutableDictionary.CreateBuilder<DeviceId, ulong>();
        for (var i = 0; i < blocks.Count; i++)
        {
            foreach (var meter in blocks[i].Anchors.Where(a => a.ChildRole == DeviceRole.Meter))
            {
                last[meter.Child] = sequence - (ulong)(blocks.Count - i);
            }
        }

        return last.ToImmutable();
    }

    // The meters of `recent` and of the head at `sequence`, less those last anchored before the
    // oldest of the `blocks` blocks of history through the head: what the next head expects.
    private static ImmutableDictionary<DeviceId, ulong> Through(ImmutableDictionary<DeviceId, ulong> recent, AnchorBlock head, ulong sequence, int blocks)
    {
        var oldest = sequence + 1 - (ulong)blocks;
        var last = recent.ToBuilder();
        last.RemoveRange(recent.Where(m => m.Value < oldest).Select(m => m.Key));
        foreach (var meter in head.Anchors.Where(a => a.ChildRole == DeviceRole.Meter))
        {
            last[meter.Child] = sequence;
        }

        return last.ToImmutable();
    }

    private static ImmutableArray<RegisterReading> Registers(List<ISignedBlock> blocks)
    {
        var readings = ImmutableArray.CreateBuilder<RegisterReading>();
        foreach (var block in blocks.Cast<MeterBlock>())
        {
            var import = block.Profile.IndexOf(Obis.ActiveEnergyImport);
            if (import < 0)
            {
                continue;
            }

            foreach (var reading in block.Profile.Readings)
            {
                readings.Add(new RegisterReading(reading.Start, reading.End, reading.Values[import]));
            }
        }

        return readings.ToImmutable();
    }

    /// <summary>
    /// The last <paramref name="count"/> blocks (at most) of the anchored chain up to the anchored
    /// head, oldest first, each linked to the one before it and the last hashing to the head. A
    /// block that does not decode or link to the next cuts the walk back there: only the linked
    /// run ending at the head is returned (a block deleted or altered in the store shortens the
    /// history; it cannot fail the observation, which would stall the validators).
    /// </summary>
    /// <exception cref="AreaDataException">The anchored head itself is not in the store.</exception>
    private static async ValueTask<List<ISignedBlock>> ReadLinkedAsync(ILedgerStore store, Anchor anchor, int count, CancellationToken cancellationToken)
    {
        if (anchor.Sequence > long.MaxValue)
        {
            throw new AreaDataException($"{Name(anchor)} is not in the store");
        }

        var to = (long)anchor.Sequence;
        var from = Math.Max(0, to - count + 1);
        var blocks = new List<ISignedBlock>(count);
        var expected = from;
        await foreach (var entry in store.ReadAsync(new ChainId(anchor.ChildRole, anchor.Child), from, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Height > to)
            {
                break;
            }

            ISignedBlock block;
            try
            {
                block = ChainVerifier.Decode(anchor.ChildRole, entry.Bytes.Span);
            }
            catch (LedgerFormatException)
            {
                blocks.Clear();
                expected = entry.Height + 1;
                continue;
            }

            if (entry.Height != expected || (blocks.Count > 0 && block.Previous != blocks[^1].Hash))
            {
                blocks.Clear();
            }

            blocks.Add(block);
            expected = entry.Height + 1;
        }

        if (blocks.Count == 0 || blocks[^1].Sequence != anchor.Sequence || blocks[^1].Hash != anchor.Head)
        {
            throw new AreaDataException($"{Name(anchor)} is not in the store");
        }

        return blocks;
    }

    private static string Name(Anchor anchor) => $"{new ChainId(anchor.ChildRole, anchor.Child)} block {anchor.Sequence} ({anchor.Head.ToShortString()})";

    private static void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value)
        where TKey : notnull
    {
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        cache[key] = value;
    }

    /// <summary>What one anchored head shows: its area's observation and its households' windows.</summary>
    private sealed record AreaView(EfficiencyObservation Observation, ImmutableArray<HouseholdWindow> Households);

    /// <summary>
    /// The last <see cref="HistoryBlocks"/> blocks of a concentrator's chain through one block: their
    /// feeder readings, oldest first, and each meter they anchor with the sequence of the last that does.
    /// </summary>
    private sealed record FeederHistory(ulong Sequence, Hash256 Head, ImmutableArray<ImmutableArray<FeederReading>> Blocks, ImmutableDictionary<DeviceId, ulong> Meters);
}

/// <summary>The store does not hold, or does not link to, the data an anchor names: the area cannot be observed.</summary>
public sealed class AreaDataException(string message) : Exception(message);
