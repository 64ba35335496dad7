using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Grains.Pki;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tiers;

/// <summary>
/// One anchoring node's chain segment (concentrator, substation or utility): it collects the heads
/// its children push, and each interval seals them into one signed <see cref="AnchorBlock"/>,
/// appended to the ledger store, whose header it then offers to its own parent. Fan-in is
/// hierarchical: no grain hears from more than its own children.
/// </summary>
public abstract partial class AnchorNodeGrain : Grain, IAnchorNodeGrain
{
    private readonly IPersistentState<AnchorNodeState> _state;
    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;
    private readonly LedgerOptions _options;
    private readonly LedgerClock _clock;
    private readonly ILogger _logger;
    private readonly SortedDictionary<DeviceId, Anchor> _pending = [];
    private readonly List<FeederReading> _feeder = [];
    private readonly List<ChainEvent> _events = [];
    private readonly Dictionary<string, long> _refused = [];
    private CertificateRegistry _registry;
    private SigningKeyPair? _key;
    private DeviceId _id;
    private string _keyError = string.Empty;
    private ChainId _chain;
    private ChainHead _head = ChainHead.Genesis;
    private string? _storeFault;
    private DateTimeOffset? _pendingUpTo;
    private IGrainTimer? _sealTimer;

    /// <summary>Creates the grain (called by Orleans through the tier's subclass).</summary>
    protected AnchorNodeGrain(IPersistentState<AnchorNodeState> state, ILedgerStore ledger, IPkiStore pki, LedgerOptions options, LedgerClock clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _ledger = ledger;
        _pki = pki;
        _options = options;
        _clock = clock;
        _logger = logger;
        _registry = new CertificateRegistry(options.TrustAnchor ?? throw new InvalidOperationException("LedgerOptions.TrustAnchor is not configured"));
    }

    /// <summary>The tier this grain is.</summary>
    protected abstract DeviceRole Role { get; }

    /// <summary>The node's id.</summary>
    protected DeviceId Id => _id;

    /// <summary>The trusted root and the options.</summary>
    protected LedgerOptions Options => _options;

    /// <summary>The PKI store (for loading children's certificates).</summary>
    protected IPkiStore Pki => _pki;

    /// <summary>The silo clock.</summary>
    protected LedgerClock Clock => _clock;

    /// <summary>Persistent state.</summary>
    protected AnchorNodeState State => _state.State;

    private bool IsProvisioned => _key is not null;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DeviceId.TryParse(this.GetPrimaryKeyString(), out _id, out _keyError))
        {
            return;
        }

        _chain = new ChainId(Role, _id);
        var (registry, defects) = await RegistryLoader.LoadAsync(_pki, _registry.TrustAnchor, _id, cancellationToken);
        _registry = registry;
        foreach (var defect in defects)
        {
            LogBadStoredCertificate(Tier.NameOf(Role), _id.Value, defect.Message);
        }

        if (State.ValidatorSet is { } validators)
        {
            _validators = ValidatorSet.Decode(validators);
        }

        if (State.PrivateKey is { } secret)
        {
            _key = SigningKeyPair.FromPrivateKey(secret);
            StartSealTimer();
        }

        await LoadHeadAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Pending heads live in memory: seal them rather than let them wait for the child's next push.
        if (HasPending)
        {
            await SealAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> ProvisionAsync(NodeProvisioning provisioning)
    {
        ArgumentNullException.ThrowIfNull(provisioning);
        var certificate = provisioning.Certificate;
        if (_id.IsEmpty)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, _keyError);
        }

        if (certificate.Subject != _id)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"certificate is for '{certificate.Subject}', this is {Tier.NameOf(Role)} '{_id}'");
        }

        if (certificate.Role != Role)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongRole, $"certificate is for role {certificate.Role}, a {Tier.NameOf(Role)} needs {Role}");
        }

        SigningKeyPair key;
        try
        {
            key = SigningKeyPair.FromPrivateKey(provisioning.PrivateKey);
        }
        catch (ArgumentException ex)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"the private key is not an Ed25519 key: {ex.Message}");
        }

        if (key.PublicKey != certificate.SubjectKey)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, "the private key does not match the certificate's public key");
        }

        if (Role == DeviceRole.Utility ? provisioning.Parent is not null : provisioning.Parent is null)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, Role == DeviceRole.Utility ? "the utility has no parent" : $"a {Tier.NameOf(Role)} needs a parent {Tier.NameOf(Tier.ParentOf(Role)!.Value)}");
        }

        var installed = await PkiInstaller.InstallAsync(_registry, _pki, certificate);
        if (!installed.Succeeded)
        {
            return installed;
        }

        // The certificate provisioned last signs from now on: key rotation is provisioning a new
        // certificate with a new key (and revoking the old one when it is compromised).
        State.PrivateKey = provisioning.PrivateKey.ToArray();
        State.KeySerial = certificate.Serial;
        _key = key;

        State.Parent = provisioning.Parent?.Value;
        await _state.WriteStateAsync();
        if (provisioning.Parent is { } parent)
        {
            await ParentGrain(parent).AdoptAsync(_id);
        }

        StartSealTimer();
        LogProvisioned(Tier.NameOf(Role), _id.Value, certificate.Serial);
        return installed;
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation)
    {
        var revoked = await PkiInstaller.RevokeAsync(_registry, _pki, _id, Tier.NameOf(Role), revocation);
        if (revoked.Outcome != ProvisionOutcome.Accepted)
        {
            return revoked;
        }

        if (revocation.Serial == State.KeySerial && _key is not null)
        {
            // The signing key may be compromised: nothing more is signed with it.
            _key = null;
            State.PrivateKey = null;
            await _state.WriteStateAsync();
        }

        LogRevoked(Tier.NameOf(Role), _id.Value, revocation.Serial);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <inheritdoc />
    public Task AdoptAsync(DeviceId child) => AdoptManyAsync([child]);

    /// <inheritdoc />
    public async Task AdoptManyAsync(ImmutableArray<DeviceId> children)
    {
        if (children.IsDefault || children.Any(c => c.IsEmpty))
        {
            throw new ArgumentException("every child needs an id", nameof(children));
        }

        var known = State.Children;
        var added = false;
        foreach (var child in children)
        {
            var at = known.BinarySearch(child.Value, StringComparer.Ordinal);
            if (at < 0)
            {
                known.Insert(~at, child.Value);
                added = true;
            }
        }

        if (added)
        {
            await _state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<SealResult> SealAsync()
    {
        if (!IsProvisioned)
        {
            // A node whose key was revoked stays active: its pending heads wait for the new key.
            var revoked = !_id.IsEmpty && _registry.CertificatesOf(_id).Count > 0;
            if (!revoked)
            {
                DeactivateOnIdle();
            }

            return Unsealed(revoked
                ? $"{Tier.NameOf(Role)} '{_id}' has no signing key in force (its certificate was revoked); provision a new certificate and key"
                : $"{Tier.NameOf(Role)} '{_id}' is not provisioned");
        }

        if (_storeFault is not null)
        {
            return Unsealed(_storeFault);
        }

        if (_validators is { } validators)
        {
            return await ProposeAsync(validators);
        }

        if (!HasPending)
        {
            return Unsealed(string.Empty);
        }

        var (block, taken) = TakePending(CommitScheme.SignerAlone);
        var height = _head.Height;
        if (await StoreAsync(block, taken, consensusHeight: null) is { } refused)
        {
            return Unsealed(refused);
        }

        return new SealResult { Sealed = true, Height = height, Head = block.Hash, Anchors = block.Anchors.Length, BlocksInTree = 1 };
    }

    /// <inheritdoc />
    public async Task<SealResult> SealTreeAsync()
    {
        var below = 0;
        if (Tier.IsAnchoring(Tier.ChildOf(Role)))
        {
            var results = await Task.WhenAll(State.Children.Select(child => ChildGrain(DeviceId.Parse(child)).SealTreeAsync()));
            below = results.Sum(r => r.BlocksInTree);
        }

        var own = await SealAsync();
        return own with { BlocksInTree = below + (own.Sealed ? 1 : 0) };
    }

    /// <inheritdoc />
    public Task<AnchorNodeStatus> GetStatusAsync()
    {
        var status = new AnchorNodeStatus
        {
            Role = Role,
            Provisioned = IsProvisioned,
            Height = _head.Height,
            Head = _head.Hash,
            Pending = _pending.Count,
            Children = [.. State.Children.Select(DeviceId.Parse)],
            Parent = State.Parent is { } parent ? DeviceId.Parse(parent) : null,
            AnchorsSealed = State.AnchorsSealed,
            LateDeliveries = State.LateDeliveries,
            LateBlocks = State.LateBlocks,
            Refused = State.Refused.Concat(_refused).GroupBy(p => p.Key).ToImmutableDictionary(g => g.Key, g => g.Sum(p => p.Value)),
        };
        if (!IsProvisioned)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(status);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<StoredBlock>> GetStoredBlocksAsync(long fromHeight, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var blocks = await StoredBlockReader.ReadAsync(_ledger, _id.IsEmpty ? null : _chain, fromHeight, Math.Min(maxCount, _options.MaxBlocksPerRead));
        return blocks;
    }

    /// <inheritdoc />
    public async Task<ChainReport> VerifyAsync()
    {
        if (_id.IsEmpty)
        {
            return new ChainReport(default, 0, 0, Hash256.Zero, [new ChainDefect(0, DefectKind.WrongDevice, _keyError)]);
        }

        return await new LedgerAuditor(_ledger, _pki, _registry.TrustAnchor, _options.MaxClockSkew).AuditChainAsync(_chain);
    }

    /// <summary>Called after a block is stored and reported upwards (a tier's own follow-up, such as analytics).</summary>
    protected virtual Task OnSealedAsync(AnchorBlock block) => Task.CompletedTask;

    /// <summary>The node's children.</summary>
    protected IEnumerable<DeviceId> Children => State.Children.Select(DeviceId.Parse);

    /// <summary>Takes a child's head for the next block (a newer sequence replaces an older one).</summary>
    protected void Offer(Anchor anchor, DateTimeOffset childTime)
    {
        if (!_pending.TryGetValue(anchor.Child, out var current) || anchor.Sequence > current.Sequence)
        {
            _pending[anchor.Child] = anchor;
        }

        if (_pendingUpTo is null || childTime > _pendingUpTo)
        {
            _pendingUpTo = childTime;
        }
    }

    /// <summary>Adds analytics verdicts to the next block.</summary>
    protected void AddEvents(IEnumerable<ChainEvent> events) => _events.AddRange(events);

    /// <summary>Whether an event of <paramref name="kind"/> about <paramref name="subject"/> at <paramref name="time"/> (to the millisecond) waits for the next block.</summary>
    protected bool IsPending(ChainEventKind kind, DeviceId subject, DateTimeOffset time) =>
        _events.Exists(e => e.Kind == kind && e.Subject == subject && e.Time.ToUnixTimeMilliseconds() == time.ToUnixTimeMilliseconds());

    /// <summary>Adds a feeder reading to the next block.</summary>
    protected void AddFeeder(FeederReading reading) => _feeder.Add(reading);

    /// <summary>Whether <paramref name="child"/> was adopted by this node.</summary>
    protected bool IsChild(DeviceId child) => State.Children.BinarySearch(child.Value, StringComparer.Ordinal) >= 0;

    /// <summary>Counts a refused child head under <paramref name="reason"/> (written with the next block).</summary>
    protected void CountRefused(string reason) => _refused[reason] = _refused.GetValueOrDefault(reason) + 1;

    // Offers interleave with sealing: the persisted counters change only here, between awaits.
    private void FoldRefusals()
    {
        foreach (var (reason, count) in _refused)
        {
            State.Refused[reason] = State.Refused.GetValueOrDefault(reason) + count;
        }

        _refused.Clear();
    }

    private void Restore(PendingContent? taken)
    {
        if (taken is null)
        {
            return;
        }

        var (anchors, feeder, events, upTo) = taken;
        _events.InsertRange(0, events);
        foreach (var anchor in anchors)
        {
            if (!_pending.TryGetValue(anchor.Child, out var newer) || newer.Sequence < anchor.Sequence)
            {
                _pending[anchor.Child] = anchor;
            }
        }

        if (upTo is { } time && (_pendingUpTo is null || time > _pendingUpTo))
        {
            _pendingUpTo = time;
        }

        _feeder.InsertRange(0, feeder);
    }

    private bool HasPending => _pending.Count > 0 || _feeder.Count > 0 || _events.Count > 0;

    /// <summary>Whether a block committed by <paramref name="set"/> would carry anything: heads of its members, feeder readings or events.</summary>
    private bool HasPendingFor(ValidatorSet set) => _pending.Keys.Any(child => set.IndexOf(child) >= 0) || _feeder.Count > 0 || _events.Count > 0;

    /// <summary>
    /// Takes the pending heads, feeder readings and events into the chain's next block, signed with
    /// <paramref name="commit"/>. They are taken before the first await: heads offered while the
    /// block is being stored (or committed by the validators) wait for the next one.
    /// </summary>
    /// <remarks>
    /// A block its validators commit anchors only their chains (POEF.md §12.3): the heads of a
    /// child outside <paramref name="members"/> (a member voted out, a child adopted since the set
    /// was formed) stay pending until a set that includes it takes over.
    /// </remarks>
    private (AnchorBlock Block, PendingContent Taken) TakePending(CommitScheme commit, ValidatorSet? members = null)
    {
        // Node time never runs backwards along its chain.
        var now = _clock.UtcNow;
        var timestamp = _head.LastTimestamp is { } last && last > now ? last : now;
        var anchors = members is null ? [.. _pending.Values] : _pending.Values.Where(a => members.IndexOf(a.Child) >= 0).ToList();
        var taken = new PendingContent(anchors, [.. _feeder], [.. _events.Take(AnchorBlockHeader.MaxEvents)], _pendingUpTo);
        foreach (var anchor in anchors)
        {
            _pending.Remove(anchor.Child);
        }

        _feeder.Clear();
        _events.RemoveRange(0, taken.Events.Count);
        _pendingUpTo = null;
        var block = AnchorBlock.Create(Role, _id, (ulong)_head.Height, State.KeySerial, _head.Hash, timestamp, taken.Anchors, [.. taken.Feeder], _key!, [.. taken.Events], commit);
        return (block, taken);
    }

    /// <summary>
    /// Appends <paramref name="block"/> at the chain's next height, then moves the head, counts it,
    /// persists the state and reports the block upwards. When the store refuses the height, what
    /// <paramref name="taken"/> holds goes back to pending and the head is reloaded.
    /// </summary>
    /// <returns>Why the block was not stored, or null when it was.</returns>
    private async Task<string?> StoreAsync(AnchorBlock block, PendingContent? taken, ulong? consensusHeight)
    {
        var height = _head.Height;
        try
        {
            await _ledger.AppendAsync(_chain, height, block.Encoded);
        }
        catch (LedgerConflictException ex)
        {
            LogAppendConflict(Tier.NameOf(Role), _id.Value, height, ex);
            Restore(taken);
            await LoadHeadAsync(CancellationToken.None);
            return $"the store refused height {height}: {ex.Message}";
        }
        catch
        {
            Restore(taken);
            throw;
        }

        _head = _head.Advance(block);
        _consensusHeight = consensusHeight ?? _consensusHeight;
        State.AnchorsSealed += block.Anchors.Length;
        var feeder = block.Header.Feeder;
        if (feeder.Length > 0 && (State.ClosedUpTo is null || feeder.Max(f => f.End) > State.ClosedUpTo))
        {
            State.ClosedUpTo = feeder.Max(f => f.End);
        }

        if (taken?.UpTo is { } sealedUpTo && (State.AnchoredUpTo is null || sealedUpTo > State.AnchoredUpTo))
        {
            State.AnchoredUpTo = sealedUpTo;
        }

        FoldRefusals();
        await _state.WriteStateAsync();
        LogSealed(Tier.NameOf(Role), _id.Value, height, block.Anchors.Length);
        await ReportUpwardsAsync(block.Header);
        await OnSealedAsync(block);
        return null;
    }

    private IAnchorNodeGrain ChildGrain(DeviceId child) => Tier.ChildOf(Role) switch
    {
        DeviceRole.Concentrator => GrainFactory.GetGrain<IConcentratorGrain>(child.Value),
        DeviceRole.Substation => GrainFactory.GetGrain<ISubstationGrain>(child.Value),
        var other => throw new InvalidOperationException($"{Tier.NameOf(other)} nodes are not anchor grains"),
    };

    private IAnchorParentGrain ParentGrain(DeviceId parent) => Role switch
    {
        DeviceRole.Concentrator => GrainFactory.GetGrain<ISubstationGrain>(parent.Value),
        DeviceRole.Substation => GrainFactory.GetGrain<IUtilityGrain>(parent.Value),
        _ => throw new InvalidOperationException("the utility has no parent"),
    };

    private async Task ReportUpwardsAsync(AnchorBlockHeader header)
    {
        if (State.Parent is not { } parent)
        {
            return;
        }

        try
        {
            var result = await ParentGrain(DeviceId.Parse(parent)).OfferHeadAsync(header);
            if (!result.Accepted && result.Reason != DefectKind.Duplicate)
            {
                LogRefusedByParent(Tier.NameOf(Role), _id.Value, parent, result.Message);
            }
        }
#pragma warning disable CA1031 // The block is sealed and stored; the next block's head carries it up when the parent is back.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogParentUnreachable(Tier.NameOf(Role), _id.Value, parent, ex);
        }
    }

    private SealResult Unsealed(string problem) => new() { Sealed = false, Height = _head.Height, Head = _head.Hash, Problem = problem };

    private void StartSealTimer()
    {
        if (_sealTimer is not null || _options.AnchorSealInterval <= TimeSpan.Zero)
        {
            return;
        }

        _sealTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.SealAsync(),
            this,
            new GrainTimerCreationOptions(_options.AnchorSealInterval, _options.AnchorSealInterval) { KeepAlive = false });
    }

    private async Task LoadHeadAsync(CancellationToken cancellationToken)
    {
        _head = ChainHead.Genesis;
        _consensusHeight = 0;
        _storeFault = null;
        var tail = await _ledger.ReadTailAsync(_chain, 1, cancellationToken);
        foreach (var entry in tail)
        {
            try
            {
                var block = AnchorBlock.Decode(entry.Bytes.Span);
                _head = new ChainHead(entry.Height, Hash256.Zero, null, null).Advance(block);
                // The consensus height of the set in force: a set that took over starts at 0.
                _consensusHeight = block.Evidence is { } evidence && _validators is { } set && evidence.SetId == set.Id ? evidence.Height : 0;
            }
            catch (LedgerFormatException ex)
            {
                _storeFault = $"stored block {entry.Height} does not decode ({ex.Message}); audit the store";
            }
        }

        var recorded = await _ledger.GetHeightAsync(_chain, cancellationToken);
        if (recorded != _head.Height && _storeFault is null)
        {
            _storeFault = $"the store records {recorded} blocks for this chain but holds {_head.Height}; audit the store";
        }

        if (_storeFault is not null)
        {
            LogStoreFault(Tier.NameOf(Role), _id.Value, _storeFault);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "{Tier} {NodeId} provisioned with certificate #{Serial}")]
    private partial void LogProvisioned(string tier, string nodeId, ulong serial);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: certificate #{Serial} revoked")]
    private partial void LogRevoked(string tier, string nodeId, ulong serial);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "{Tier} {NodeId} sealed block {Height} with {Anchors} anchors")]
    private partial void LogSealed(string tier, string nodeId, long height, int anchors);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: parent {Parent} refused its head: {Reason}")]
    private partial void LogRefusedByParent(string tier, string nodeId, string parent, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "{Tier} {NodeId}: parent {Parent} unreachable; the next block carries the head up")]
    private partial void LogParentUnreachable(string tier, string nodeId, string parent, Exception exception);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Error, Message = "{Tier} {NodeId}: a stored certificate or revocation does not verify: {Detail}")]
    private partial void LogBadStoredCertificate(string tier, string nodeId, string detail);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Error, Message = "{Tier} {NodeId}: {Fault}; sealing is refused until the store is audited")]
    private partial void LogStoreFault(string tier, string nodeId, string fault);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Error, Message = "{Tier} {NodeId}: the store refused an append at height {Height}; reloading the head")]
    private partial void LogAppendConflict(string tier, string nodeId, long height, Exception exception);
}
