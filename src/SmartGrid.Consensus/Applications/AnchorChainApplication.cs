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
/// The application of an anchor chain committed by its validators (POEF.md §12.3): the fog tier
/// (a substation's chain, its concentrators validating) or the cloud tier (the utility's chain, its
/// substations validating). The payload of a consensus block is the <see cref="AnchorBlock.Body"/>
/// of the chain's next block, built and signed by the chain's node with
/// <see cref="CommitScheme.CommitCertificate"/> and offered to every validator
/// (<see cref="Offer"/>); the drawn proposer proposes the body it was offered. Validity is a
/// function of the body and the committed chain only.
/// </summary>
/// <remarks>
/// <para>
/// A body is valid (<see cref="Defect"/>) when it decodes canonically as a scheme-1 body of the
/// set's chain, of a substation or the utility; it links to the body committed last (sequence one
/// more, previous hash, time not earlier); its anchors are sorted chains of the tier below, each of
/// a member of the set (on the utility's chain, of any substation: its set may be a committee)
/// with a sequence above the one last committed for it, and its anchor root is
/// theirs; and its header is signed by the chain's node (the host's check against the node's
/// certificates). The first body committed may start anywhere: the node links it to its stored chain.
/// </para>
/// <para>
/// A host that reads the children's chains (the validator grain) also requires each anchor to
/// name a stored block with exactly its hash, checked before it offers a body or passes on a
/// proposal (<see cref="MarkAnchorsStored"/>). A host that observes the areas (POEF.md §4.1) reads
/// the anchored heads' data from the store, computes each member's observation and hands them over
/// (<see cref="MarkObserved"/>) with the households' rewards of §8: a block must then carry
/// exactly those, and the drawn proposer builds its block with them. Without that host, the
/// observations are the neutral ones and there are no rewards. Both are asynchronous in a grain,
/// so the host computes them before the engine judges or builds a block, and the application
/// stays a synchronous, deterministic function of what it was told.
/// </para>
/// <para>Not thread-safe: the engine that calls it is fed one input at a time.</para>
/// </remarks>
public sealed class AnchorChainApplication : IConsensusApplication
{
    /// <summary>The observation every validator's area gets until the analytics supply real ones: no error, no losses, complete data.</summary>
    public static readonly EfficiencyObservation NeutralObservation = new(0, 0, EfficiencyObservation.Whole);

    private readonly ValidatorSet _set;
    private readonly Func<AnchorBlockHeader, bool> _signedByNode;
    private readonly ImmutableArray<EfficiencyObservation> _observations;
    /// <summary>Most bodies held for future heights (a host may open heights ahead, as a benchmark does).</summary>
    public const int MaxOffered = 1024;

    private readonly Dictionary<DeviceId, ulong> _committed = [];
    private readonly SortedDictionary<ulong, AnchorBlock> _offered = [];

    // Verdicts are functions of the payload and the committed chain, which changes only in Apply:
    // the engine asks about one proposal at several rules, and each answer costs a decode, a Merkle
    // root and a signature check. Headers found signed by the node stay so.
    private readonly Dictionary<Hash256, bool> _verdicts = [];
    private readonly HashSet<Hash256> _signed = [];
    private readonly Dictionary<Hash256, ulong> _anchorsStored = [];
    private readonly Dictionary<Hash256, (ulong Sequence, ImmutableArray<EfficiencyObservation> Observations, ImmutableArray<Reward> Rewards)> _observed = [];
    private readonly bool _requireStoredAnchors;
    private readonly bool _requireObservations;

    /// <summary>
    /// The application of the validators of <paramref name="set"/>; <paramref name="signedByNode"/>
    /// says whether a header is signed by the chain's node under a certificate of its tier.
    /// </summary>
    public AnchorChainApplication(ValidatorSet set, Func<AnchorBlockHeader, bool> signedByNode)
        : this(set, signedByNode, requireStoredAnchors: false)
    {
    }

    /// <summary>
    /// The application of the validators of <paramref name="set"/>; with
    /// <paramref name="requireStoredAnchors"/>, a body with anchors is valid only once its host
    /// found each of them in the children's stored chains (<see cref="MarkAnchorsStored"/>): a
    /// check that needs the store, so the host makes it before it offers a body or passes on a
    /// proposal, and the application stays a synchronous function of what it was told.
    /// </summary>
    public AnchorChainApplication(ValidatorSet set, Func<AnchorBlockHeader, bool> signedByNode, bool requireStoredAnchors)
        : this(set, signedByNode, requireStoredAnchors, requireObservations: false)
    {
    }

    /// <summary>
    /// The application of the validators of <paramref name="set"/>; with
    /// <paramref name="requireObservations"/>, a body is valid only once its host computed the
    /// members' observations from the anchored data (<see cref="MarkObserved"/>), and a block must
    /// carry exactly those; without it, the neutral ones.
    /// </summary>
    public AnchorChainApplication(ValidatorSet set, Func<AnchorBlockHeader, bool> signedByNode, bool requireStoredAnchors, bool requireObservations)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(signedByNode);
        _set = set;
        _signedByNode = signedByNode;
        _requireStoredAnchors = requireStoredAnchors;
        _requireObservations = requireObservations;
        _observations = [.. Enumerable.Repeat(NeutralObservation, set.Count)];
    }

    /// <summary>The header of the body committed last, or null before the first.</summary>
    public AnchorBlockHeader? LastCommitted { get; private set; }

    /// <summary>Bodies offered and not yet committed, by sequence.</summary>
    public int Offered => _offered.Count;

    /// <summary>The sequence of the last committed head of <paramref name="child"/>, or null when none is.</summary>
    public ulong? CommittedSequence(DeviceId child) => _committed.TryGetValue(child, out var sequence) ? sequence : null;

    /// <summary>
    /// Offers the body of one of the chain's next blocks for the blocks this validator proposes (a
    /// later offer of the same sequence replaces an earlier one). Only a body valid now is kept; one
    /// beyond the next block is judged without its link, which is checked when its turn comes.
    /// </summary>
    /// <returns>Why the body was refused, or null when it was kept.</returns>
    public string? Offer(ReadOnlySpan<byte> body)
    {
        AnchorBlock block;
        try
        {
            block = AnchorBlock.DecodeBody(body);
        }
        catch (LedgerFormatException ex)
        {
            return $"the body does not decode: {ex.Message}";
        }

        if (DefectOf(block, checkLink: LastCommitted is not { } last || block.Sequence <= last.Sequence + 1) is { } defect)
        {
            return defect;
        }

        if (_offered.Count >= MaxOffered && !_offered.ContainsKey(block.Sequence))
        {
            return $"{MaxOffered} bodies are offered already";
        }

        _offered[block.Sequence] = block;
        return null;
    }

    /// <summary>Whether the host found every anchor of the block whose header hashes to <paramref name="header"/> in the children's stored chains.</summary>
    public bool AnchorsStored(Hash256 header) => _anchorsStored.ContainsKey(header);

    /// <summary>
    /// Records that the host found every anchor of the block of <paramref name="header"/> in the
    /// children's stored chains. Marks are dropped once their sequence is committed (at most
    /// <see cref="MaxOffered"/> × 2 are kept; the lowest sequence goes first).
    /// </summary>
    public void MarkAnchorsStored(AnchorBlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_anchorsStored.Count >= 2 * MaxOffered && !_anchorsStored.ContainsKey(header.Hash))
        {
            _anchorsStored.Remove(_anchorsStored.MinBy(p => p.Value).Key);
        }

        _anchorsStored[header.Hash] = header.Sequence;
        _verdicts.Clear();
    }

    /// <summary>Whether the host handed over the observations of the block whose header hashes to <paramref name="header"/>.</summary>
    public bool Observed(Hash256 header) => _observed.ContainsKey(header);

    /// <summary>Whether <paramref name="block"/> carries exactly the observations and rewards the host handed over for the body whose header hashes to <paramref name="header"/>.</summary>
    public bool Carries(Hash256 header, ConsensusBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return _observed.TryGetValue(header, out var observed) && block.Observations.SequenceEqual(observed.Observations) && block.Rewards.SequenceEqual(observed.Rewards);
    }

    /// <summary>
    /// Records the members' observations (one per validator, in set order) and the household
    /// rewards that the host computed for the block of <paramref name="header"/> from the data it
    /// anchors. Dropped like the marks of <see cref="MarkAnchorsStored"/>, once their sequence is committed.
    /// </summary>
    /// <exception cref="ArgumentException">Not one observation per validator, one out of range, or more rewards than a block carries.</exception>
    public void MarkObserved(AnchorBlockHeader header, ImmutableArray<EfficiencyObservation> observations, ImmutableArray<Reward> rewards = default)
    {
        rewards = rewards.IsDefault ? [] : rewards;
        if (rewards.Length > ConsensusBlock.MaxRewards)
        {
            throw new ArgumentException($"{rewards.Length} rewards exceed the {ConsensusBlock.MaxRewards} a block carries", nameof(rewards));
        }

        ArgumentNullException.ThrowIfNull(header);
        if (observations.IsDefault || observations.Length != _set.Count)
        {
            throw new ArgumentException($"{(observations.IsDefault ? 0 : observations.Length)} observations for a set of {_set.Count}", nameof(observations));
        }

        if (observations.Select(o => o.Defect()).FirstOrDefault(d => d is not null) is { } defect)
        {
            throw new ArgumentException(defect, nameof(observations));
        }

        if (_observed.Count >= 2 * MaxOffered && !_observed.ContainsKey(header.Hash))
        {
            _observed.Remove(_observed.MinBy(p => p.Value.Sequence).Key);
        }

        _observed[header.Hash] = (header.Sequence, observations, rewards);
        _verdicts.Clear();
    }

    /// <summary>Restores the committed chain from a payload of the stored chain (a validator reactivated from its store), oldest first.</summary>
    /// <exception cref="LedgerFormatException">The payload is not a body.</exception>
    public void Restore(ReadOnlySpan<byte> payload) => Apply(AnchorBlock.DecodeBody(payload));

    /// <summary>Whether a body valid now was offered: a drawn validator without one holds back (the round passes to another).</summary>
    public bool ReadyToPropose(ulong height) => Next() is not null;

    /// <summary>
    /// The content of the next block: the offered body when it is still valid. Without one (the
    /// engine asks only when <see cref="ReadyToPropose"/>) the payload is empty, which no validator accepts.
    /// </summary>
    public BlockContent BuildBlock(ulong height, Hash256 previous) => Next() is { } next && ContentOf(next.Header) is { } content
        ? new(content.Observations, content.Rewards, next.Body)
        : new(_observations, [], ReadOnlyMemory<byte>.Empty);

    /// <inheritdoc />
    public bool IsValid(ConsensusBlock block, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_verdicts.TryGetValue(block.Hash, out var known))
        {
            return known;
        }

        bool valid;
        try
        {
            var body = AnchorBlock.DecodeBody(payload);
            valid = Defect(body) is null && ContentOf(body.Header) is { } expected && block.Observations.SequenceEqual(expected.Observations) && block.Rewards.SequenceEqual(expected.Rewards);
        }
        catch (LedgerFormatException)
        {
            valid = false;
        }

        if (_verdicts.Count >= MaxOffered)
        {
            _verdicts.Clear();
        }

        _verdicts[block.Hash] = valid;
        return valid;
    }

    /// <inheritdoc />
    public void OnCommitted(ConsensusBlock block, ReadOnlySpan<byte> payload) => Restore(payload);

    /// <summary>Why <paramref name="body"/> cannot be the next block of the chain, or null when it can.</summary>
    public string? Defect(AnchorBlock body) => DefectOf(body, checkLink: true);

    /// <summary>
    /// Why <paramref name="body"/> cannot be one of the chain's next blocks on its own terms
    /// (decoding, chain, anchors' order and root, members, newer heads, the node's signature),
    /// before its host looks its anchors up in the store; null when only that look-up remains.
    /// The host checks this first, so a body that fails anyway costs no store reads.
    /// </summary>
    public string? DefectBeforeStore(ReadOnlySpan<byte> body)
    {
        try
        {
            return DefectOf(AnchorBlock.DecodeBody(body), checkLink: false, storedAnchors: false);
        }
        catch (LedgerFormatException ex)
        {
            return $"the body does not decode: {ex.Message}";
        }
    }

    private string? DefectOf(AnchorBlock body, bool checkLink, bool storedAnchors = true)
    {
        ArgumentNullException.ThrowIfNull(body);
        var header = body.Header;
        if (header.Node != _set.Chain || header.Role is not (DeviceRole.Substation or DeviceRole.Utility))
        {
            return $"a {Tier.NameOf(header.Role)} block of '{header.Node}' is not a block of {_set.Chain}'s chain";
        }

        if (checkLink && LastCommitted is { } last && (header.Sequence != last.Sequence + 1 || header.Previous != last.Hash || header.Timestamp < last.Timestamp))
        {
            return $"block {header.Sequence} does not follow block {last.Sequence} ({last.Hash.ToShortString()}), committed last";
        }

        if (AnchorBlock.AnchorDefect(header.Role, body.Anchors) is { } order)
        {
            return order;
        }

        if (Anchor.RootOf(body.Anchors.AsSpan()) != header.AnchorRoot)
        {
            return "the anchors do not hash to the header's anchor root";
        }

        foreach (var anchor in body.Anchors)
        {
            // A substation's concentrators are all its validators; the utility's set may be a
            // committee of its substations (POEF.md §11.2), and every substation is anchored.
            if (header.Role == DeviceRole.Substation && _set.IndexOf(anchor.Child) < 0)
            {
                return $"'{anchor.Child}' is not a validator of the set";
            }

            if (_committed.TryGetValue(anchor.Child, out var committed) && anchor.Sequence <= committed)
            {
                return $"the head {anchor.Sequence} of '{anchor.Child}' is not newer than {committed}, committed already";
            }
        }

        if (!_signed.Contains(header.Hash))
        {
            if (!_signedByNode(header))
            {
                return $"block {header.Sequence} is not signed by '{header.Node}' under a certificate of its tier";
            }

            if (_signed.Count >= 2 * MaxOffered)
            {
                _signed.Clear();
            }

            _signed.Add(header.Hash);
        }

        if (!storedAnchors)
        {
            return null;
        }

        return _requireStoredAnchors && !body.Anchors.IsEmpty && !_anchorsStored.ContainsKey(header.Hash)
            ? $"the anchors of block {header.Sequence} were not found in the children's stored chains"
            : ContentOf(header) is null
            ? $"the observations of block {header.Sequence} were not computed from the data it anchors"
            : null;
    }

    /// <summary>
    /// The observations and rewards a block with <paramref name="header"/> must carry: the host's,
    /// or the neutral observations and no rewards; null when the host has not handed them over.
    /// </summary>
    private (ImmutableArray<EfficiencyObservation> Observations, ImmutableArray<Reward> Rewards)? ContentOf(AnchorBlockHeader header) =>
        !_requireObservations ? (_observations, [])
        : _observed.TryGetValue(header.Hash, out var observed) ? (observed.Observations, observed.Rewards)
        : null;

    private void Apply(AnchorBlock body)
    {
        _verdicts.Clear();
        LastCommitted = body.Header;
        foreach (var anchor in body.Anchors)
        {
            _committed[anchor.Child] = anchor.Sequence;
        }

        while (_offered.Count > 0 && _offered.First().Key <= body.Sequence)
        {
            _offered.Remove(_offered.First().Key);
        }

        foreach (var spent in _anchorsStored.Where(p => p.Value <= body.Sequence).Select(p => p.Key).ToList())
        {
            _anchorsStored.Remove(spent);
        }

        foreach (var spent in _observed.Where(p => p.Value.Sequence <= body.Sequence).Select(p => p.Key).ToList())
        {
            _observed.Remove(spent);
        }
    }

    /// <summary>The offered body that is the chain's next block and valid now, if any.</summary>
    private AnchorBlock? Next()
    {
        var next = LastCommitted is { } last
            ? _offered.GetValueOrDefault(last.Sequence + 1)
            : _offered.Values.FirstOrDefault();
        return next is not null && Defect(next) is null ? next : null;
    }
}
