using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using Orleans.Streams;
using Orleans.Streams.Core;
using SmartGrid.Consensus.Applications;
using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Consensus;

/// <summary>
/// One PoEf validator (docs/POEF.md): a thin host around the pure <see cref="ConsensusEngine"/>.
/// It takes the signed messages of its set from its inbox stream one at a time, runs the engine's
/// timers as grain timers, and before it lets anything out it persists what it signed (the
/// <see cref="SmartGrid.Consensus.Signing.SigningGuard"/>) and appends what was decided to its chain
/// in the ledger store, so a deactivated validator resumes from its committed chain and never
/// signs a message conflicting with one it sent before.
/// </summary>
/// <remarks>
/// Transport: one namespace per validator set (<see cref="ValidatorAddress.NamespaceOf"/>) and in
/// it one inbox per validator, keyed like the grain, on broadcast channels when the silo registers
/// them, else on streams (<see cref="ValidatorStreams.ProviderName"/>); a broadcast is one publish
/// to each other member's inbox. The subscription is <em>implicit</em> on both: it is a property of
/// the grain type, not state in the pub-sub store, so it survives any deactivation without a resume step.
/// A message for a deactivated validator activates it, the activation rebuilds the engine from the
/// store before the message is handed over, and nothing has to re-subscribe. An explicit
/// subscription would live in the pub-sub store and have to be resumed on every activation, and a
/// validator that was deactivated between its subscribe and resume would go deaf.
/// Duplicates, reordering and replays are the engine's business (it identifies messages by hash and
/// counts each validator once per step); messages that do not decode are dropped and counted.
/// </remarks>
[RegexImplicitStreamSubscription("^" + ValidatorAddress.NamespacePrefix)]
[RegexImplicitChannelSubscription("^" + ValidatorAddress.NamespacePrefix)]
public sealed partial class ValidatorGrain : Grain, IValidatorGrain, IStreamSubscriptionObserver, IOnBroadcastChannelSubscribed, IAsyncObserver<byte[]>
{
    /// <summary>Most messages held back past the target height (the engine produces a few per height and round).</summary>
    public const int MaxDeferred = 4096;

    /// <summary>Most records one <see cref="GetCommittedAsync"/> call returns.</summary>
    public const int MaxRecordsPerCall = 256;

    /// <summary>
    /// Signatures verified by any validator in this process: the n validators of a set in one silo
    /// would otherwise verify every message n-1 times (a pure cache of facts about bytes, see <see cref="VerifiedMessageCache"/>).
    /// </summary>
    private static readonly VerifiedMessageCache SharedVerifications = new();

    /// <summary>
    /// Observations of the areas computed by any validator in this process: the n validators of a
    /// set in one silo judge the same bodies (a pure cache of facts about hash-linked data, see <see cref="AreaObserver"/>).
    /// </summary>
    private static readonly AreaObserver SharedObserver = new();

    private readonly IPersistentState<ValidatorGrainState> _state;
    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;
    private readonly PublicKey _trustAnchor;
    private readonly ConsensusOptions _options;
    private readonly ILogger _logger;
    private readonly List<ConsensusMessage> _deferred = [];
    private readonly List<TimeoutRequest> _deferredTimers = [];
    private readonly HashSet<Hash256> _anchorsReported = [];
    private Func<byte[], Task>[] _peers = [];
    private ConsensusEngine? _engine;
    private AnchorChainApplication? _application;
    private CertificateRegistry _nodeCertificates;
    private CertificateRegistry _memberCertificates;
    private readonly LedgerClock _clock;
    private ChainId _chain;
    private DeviceId _self;
    private long _savedGuard;
    private long _received;
    private long _undecodable;
    private long _fromRevoked;
    private long _opened;

    /// <summary>
    /// Creates the grain (called by Orleans). Consensus timeouts come from a registered
    /// <see cref="ConsensusOptions"/>, else the protocol's defaults; without a cache of verified
    /// messages of its own, the grain shares the process-wide one. The chain node's certificates
    /// (which blocks it signed) come from the PKI store, trusted under the ledger's root.
    /// </summary>
    public ValidatorGrain(
        [PersistentState("validator", StorageNames.GrainState)] IPersistentState<ValidatorGrainState> state,
        ILedgerStore ledger,
        IPkiStore pki,
        Microsoft.Extensions.Options.IOptions<LedgerOptions> ledgerOptions,
        IServiceProvider services,
        ILogger<ValidatorGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(ledgerOptions);
        _state = state;
        _ledger = ledger;
        _pki = pki;
        _trustAnchor = ledgerOptions.Value.TrustAnchor ?? throw new InvalidOperationException("LedgerOptions.TrustAnchor is not configured");
        _nodeCertificates = new CertificateRegistry(_trustAnchor);
        _memberCertificates = new CertificateRegistry(_trustAnchor);
        _clock = services.GetService<LedgerClock>() ?? new LedgerClock(TimeProvider.System);
        var options = services.GetService<ConsensusOptions>() ?? new ConsensusOptions();
        _options = options.VerifiedMessages is null ? options with { VerifiedMessages = SharedVerifications } : options;
        _logger = logger;
    }

    private ValidatorGrainState State => _state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (ValidatorAddress.TryParse(this.GetPrimaryKeyString(), out _, out _self) && State.ValidatorSet is not null)
        {
            State.Resumptions++;
            await StartAsync(resumed: true, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> EnrollAsync(ValidatorEnrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (!ValidatorAddress.TryParse(this.GetPrimaryKeyString(), out var setId, out var self))
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, "the grain key is not '{set id}/{validator}'");
        }

        ValidatorSet set;
        SigningKeyPair key;
        try
        {
            set = ValidatorSet.Decode(enrollment.ValidatorSet);
            key = SigningKeyPair.FromPrivateKey(enrollment.PrivateKey);
        }
        catch (Exception ex) when (ex is LedgerFormatException or ArgumentException)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"the enrollment does not decode: {ex.Message}");
        }

        var index = set.IndexOf(self);
        if (set.Id != setId || index < 0 || set[index].Key != key.PublicKey)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"'{self}' with this key is not a member of set {setId.ToShortString()} (the enrollment names {set})");
        }

        if (ValidatorChains.Of(setId, self) is null)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, $"validator id '{self}' is too long to name its chain");
        }

        if (MissingTransport() is { } missing)
        {
            return ProvisionResult.Of(ProvisionOutcome.NotConfigured, missing);
        }

        if (State.ValidatorSet is { } enrolled)
        {
            return enrolled.AsSpan().SequenceEqual(enrollment.ValidatorSet) && State.PrivateKey.AsSpan().SequenceEqual(enrollment.PrivateKey) && State.Genesis.AsSpan().SequenceEqual(enrollment.Genesis.Span)
                ? ProvisionResult.Of(ProvisionOutcome.AlreadyKnown)
                : ProvisionResult.Of(ProvisionOutcome.Conflict, "the validator is already enrolled with another set, key or genesis");
        }

        State.ValidatorSet = enrollment.ValidatorSet;
        State.PrivateKey = enrollment.PrivateKey;
        State.Genesis = enrollment.Genesis.ToArray();
        await _state.WriteStateAsync();
        _self = self;
        await StartAsync(resumed: false, CancellationToken.None);
        LogEnrolled(self.Value, set.Id.ToShortString());
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <inheritdoc />
    public async Task<ulong> CommitThroughAsync(ulong height)
    {
        if (height > State.Target)
        {
            State.Target = height;
            await _state.WriteStateAsync();
            await ReleaseAsync();
        }

        return State.Target;
    }

    /// <inheritdoc />
    public async Task<string?> OfferBlockAsync(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_application is not { } application)
        {
            return "the validator is not enrolled";
        }

        // Read fresh at every offer (one indexed read per interval): a new or revoked key of the
        // node counts from the next body on.
        var engine = _engine!;
        await LoadNodeCertificatesAsync(engine.Set.Chain, CancellationToken.None);
        await LoadMemberCertificatesAsync(engine.Set, CancellationToken.None);
        if (await CheckAnchorsAsync(application, body) is { } missing)
        {
            return missing;
        }

        var refused = application.Offer(body);
        if (refused is null)
        {
            // Drawn for the round under way with nothing to propose until now: propose it.
            await HandleAsync(engine.ProposeIfDrawn());
        }

        return refused;
    }

    /// <inheritdoc />
    public Task<ValidatorStatus> GetStatusAsync() => Task.FromResult(_engine is not { } engine
        ? new ValidatorStatus()
        : new ValidatorStatus
        {
            Enrolled = true,
            Committed = engine.Height - 1,
            Round = engine.Round,
            LastCommitted = engine.LastCommitted,
            Target = State.Target,
            Received = _received,
            Undecodable = _undecodable,
            FromRevoked = _fromRevoked,
            Resumptions = State.Resumptions,
        });

    /// <inheritdoc />
    public async Task<IReadOnlyList<CommittedRecord>> GetCommittedAsync(ulong fromHeight, int maxCount)
    {
        var records = new List<CommittedRecord>();
        if (_engine is null || fromHeight == 0 || fromHeight > long.MaxValue)
        {
            return records;
        }

        await foreach (var entry in _ledger.ReadAsync(_chain, (long)fromHeight - 1))
        {
            if (records.Count >= Math.Clamp(maxCount, 0, MaxRecordsPerCall))
            {
                break;
            }

            var bytes = entry.Bytes.ToArray();
            records.Add(new CommittedRecord((ulong)entry.Height + 1, CommitAnnouncement.Decode(bytes).Block.Hash, bytes));
        }

        return records;
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<byte[]>().ResumeAsync(this);
    }

    /// <inheritdoc />
    public Task OnSubscribed(IBroadcastChannelSubscription streamSubscription)
    {
        ArgumentNullException.ThrowIfNull(streamSubscription);
        return streamSubscription.Attach<byte[]>(item => OnNextAsync(item));
    }

    /// <inheritdoc />
    public async Task OnNextAsync(byte[] item, StreamSequenceToken? token = null)
    {
        if (_engine is not { } engine)
        {
            // Not enrolled: nothing to do, and an inbox nobody owns must not keep an activation alive.
            DeactivateOnIdle();
            return;
        }

        ConsensusMessage message;
        try
        {
            message = ConsensusMessage.DecodeAny(item);
        }
        catch (LedgerFormatException ex)
        {
            _undecodable++;
            LogUndecodable(_self.Value, ex.Message);
            return;
        }

        _received++;
        if (!SignerInForce(message, engine.Set))
        {
            _fromRevoked++;
            return;
        }
        // Before the engine judges a block (proposed, or committed by the others): the anchors it
        // would commit must be stored blocks.
        var body = message switch
        {
            Proposal { Payload: { } proposed } => proposed,
            CommitAnnouncement commit => commit.Payload,
            _ => (ReadOnlyMemory<byte>?)null,
        };
        if (body is { } payload && _application is { } application)
        {
            await CheckAnchorsAsync(application, payload.ToArray());
            // Only a commit of a height still to decide matters (every rebroadcast carries the last one).
            if (message is CommitAnnouncement commit && commit.Block.Height >= engine.Height)
            {
                TakeCertifiedContent(application, engine.Set, commit);
            }
        }

        await HandleAsync(engine.Receive(message));
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task StartAsync(bool resumed, CancellationToken cancellationToken)
    {
        var set = ValidatorSet.Decode(State.ValidatorSet);
        var key = SigningKeyPair.FromPrivateKey(State.PrivateKey);
        _chain = ValidatorChains.Of(set.Id, _self) ?? throw new InvalidOperationException($"validator '{_self}' has no chain name");

        // The committed chain rebuilds the efficiency book and the application's committed heads.
        await LoadNodeCertificatesAsync(set.Chain, cancellationToken);
        await LoadMemberCertificatesAsync(set, cancellationToken);
        var application = new AnchorChainApplication(set, header => ChainRules.IsAuthentic(header, header.Role, _nodeCertificates), requireStoredAnchors: true, requireObservations: true);
        var blocks = new List<ConsensusBlock>();
        var recent = new Queue<CommitAnnouncement>();
        await foreach (var entry in _ledger.ReadAsync(_chain, 0, cancellationToken))
        {
            var commit = CommitAnnouncement.Decode(entry.Bytes.Span);
            blocks.Add(commit.Block);
            application.Restore(commit.Payload.Span);
            recent.Enqueue(commit);
            if (recent.Count > _options.CommitHistory)
            {
                recent.Dequeue();
            }
        }

        // The last commits with their certificates: a peer that missed one of them before the
        // restart gets it from here at the next rebroadcast.
        var guard = State.RestoreGuard();
        _engine = ConsensusEngine.Resume(set, _self, key, application, _options, new Hash256(State.Genesis), blocks, recent, guard);
        _application = application;
        _savedGuard = guard.Version;
        Open();
        _peers = ConnectPeers(set);
        if (resumed)
        {
            await _state.WriteStateAsync(cancellationToken);
            LogResumed(_self.Value, set.Id.ToShortString(), (ulong)blocks.Count, State.SignedHeight, State.SignedRound);
        }

        await HandleAsync(_engine.Start());
    }

    /// <summary>
    /// What the engine produced, in the only safe order: what it signed is recorded, what it
    /// decided is stored, and only then are its messages sent and its timers started. When the
    /// state write or an append fails, the engine is ahead of the store (it believes in a vote,
    /// a commit or timers that are not there), so it is dropped with the activation: the next
    /// message or call resumes the validator from what is stored, as after a crash.
    /// </summary>
    private async Task HandleAsync(ConsensusOutput output)
    {
        try
        {
            await RecordAndSendAsync(output);
        }
        catch (Exception ex) when (_engine is not null)
        {
            LogEngineDropped(_self.Value, ex);
            _engine = null;
            _application = null;
            _deferred.Clear();
            _deferredTimers.Clear();
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task RecordAndSendAsync(ConsensusOutput output)
    {
        var engine = _engine!;
        if (engine.Guard.Version != _savedGuard)
        {
            State.Record(engine.Guard);
            await _state.WriteStateAsync();
            _savedGuard = engine.Guard.Version;
        }

        foreach (var decision in output.Decisions)
        {
            var record = new CommitAnnouncement(decision.Block, decision.Payload, decision.Certificate).Encode();
            await _ledger.AppendAsync(_chain, (long)decision.Height - 1, record);
            LogCommitted(_self.Value, decision.Height, decision.Block.Hash.ToShortString(), decision.Certificate.Round);
            if (_opened != 0)
            {
                ConsensusMetrics.Committed(engine.Set.Count, Stopwatch.GetElapsedTime(_opened));
            }

            Open();
            await NotifyNodeAsync(decision.Payload, record);
        }

        var sends = new List<Task>(output.Broadcasts.Count);
        foreach (var message in output.Broadcasts)
        {
            if (message.Height <= State.Target)
            {
                sends.Add(PublishAsync(message));
            }
            else
            {
                Defer(message);
            }
        }

        foreach (var timeout in output.Timeouts)
        {
            if (timeout.Height <= State.Target)
            {
                StartTimer(timeout);
            }
            else
            {
                _deferredTimers.Add(timeout);
            }
        }

        await Task.WhenAll(sends);
    }

    /// <summary>
    /// Tells the chain's node (one way) that its block is committed: the node stores it with its
    /// evidence. Every validator tells it; the node keeps the first that checks out.
    /// </summary>
    private Task NotifyNodeAsync(ReadOnlyMemory<byte> payload, byte[] record)
    {
        var header = AnchorBlock.DecodeBody(payload.Span).Header;
        IAnchorParentGrain node = header.Role == DeviceRole.Utility
            ? GrainFactory.GetGrain<IUtilityGrain>(header.Node.Value)
            : GrainFactory.GetGrain<ISubstationGrain>(header.Node.Value);
        return node.CommittedAsync(record);
    }

    /// <summary>
    /// Checks each anchor of <paramref name="body"/> against the children's chains in the ledger
    /// store, then observes the members' areas from the data it anchors (POEF.md §4.1), once per
    /// body, and tells the application; returns why the body cannot be judged yet, or null. A body
    /// the application refuses on its own terms (not decoding, not signed by the node...) costs no
    /// store read: the application names its defect.
    /// </summary>
    private async Task<string?> CheckAnchorsAsync(AnchorChainApplication application, byte[] body)
    {
        if (application.DefectBeforeStore(body) is not null)
        {
            return null;
        }

        var block = AnchorBlock.DecodeBody(body);
        if (application.AnchorsStored(block.Hash) || block.Anchors.IsEmpty)
        {
            return await ObserveAsync(application, block);
        }

        // Looked up again at every sight of the body, never remembered as missing: a child's block
        // may be stored after a first look (another silo's write), and a failed read proves nothing.
        string? defect;
        try
        {
            defect = await AnchoredHeads.DefectAsync(_ledger, block.Anchors);
        }
#pragma warning disable CA1031 // The body is not voted for now; its next sight looks again.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            defect = $"the children's chains could not be read: {ex.Message}";
        }

        if (defect is null)
        {
            application.MarkAnchorsStored(block.Header);
            return await ObserveAsync(application, block);
        }

        return Report(block, defect);
    }

    /// <summary>
    /// A block certified by a quorum of the set was found to carry the right observations and
    /// rewards by at least f+1 honest validators: when this validator read the areas otherwise (its
    /// store damaged or its cache older than a damage, POEF.md §4.1), it takes the certified content
    /// rather than stay a height behind for good. Only a certificate that checks out counts.
    /// </summary>
    private void TakeCertifiedContent(AnchorChainApplication application, ValidatorSet set, CommitAnnouncement commit)
    {
        AnchorBlockHeader header;
        try
        {
            header = AnchorBlock.DecodeBody(commit.Payload.Span).Header;
        }
        catch (LedgerFormatException)
        {
            return;
        }

        if (application.Carries(header.Hash, commit.Block) || commit.Certificate.Check(set, commit.Block) != SmartGrid.Consensus.Certificates.CertificateDefect.None)
        {
            return;
        }

        try
        {
            application.MarkObserved(header, commit.Block.Observations, commit.Block.Rewards);
        }
        catch (ArgumentException)
        {
            // Out of range: the engine refuses the block on its own rules.
        }
    }

    /// <summary>Computes the members' observations of <paramref name="block"/> and hands them to the application, unless it has them; returns why they cannot be computed, or null.</summary>
    private async Task<string?> ObserveAsync(AnchorChainApplication application, AnchorBlock block)
    {
        if (application.Observed(block.Hash))
        {
            return null;
        }

        string? defect;
        try
        {
            var (observations, rewards) = await SharedObserver.ObserveAsync(_ledger, _pki, _trustAnchor, _engine!.Set, block, _options.Efficiency);
            application.MarkObserved(block.Header, observations, rewards);
            return null;
        }
        catch (AreaDataException ex)
        {
            defect = $"the areas cannot be observed: {ex.Message}";
        }
#pragma warning disable CA1031 // As for the anchors: the body is not voted for now; its next sight tries again.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            defect = $"the areas could not be read: {ex.Message}";
        }

        return Report(block, defect);
    }

    private string Report(AnchorBlock block, string defect)
    {
        if (_anchorsReported.Count >= MaxDeferred)
        {
            _anchorsReported.Clear();
        }

        if (_anchorsReported.Add(block.Hash))
        {
            LogAnchorsMissing(_self.Value, block.Sequence, defect);
        }

        return defect;
    }

    /// <summary>
    /// The members' certificates and revocations, read at activation and at every offer (once an
    /// interval): a member revoked since stops counting from then on, before any set change.
    /// </summary>
    private async Task LoadMemberCertificatesAsync(ValidatorSet set, CancellationToken cancellationToken)
    {
        var registry = new CertificateRegistry(_trustAnchor);
        var ignored = new List<ChainDefect>();
        foreach (var member in set.Members)
        {
            await RegistryLoader.AddAsync(_pki, registry, member.Id, ignored, cancellationToken);
        }

        _memberCertificates = registry;
    }

    /// <summary>
    /// Whether the signer of a vote or proposal holds, for the key the set names, a certificate in
    /// force now (the set was certified by role when it was handed over). A revoked (or expired) member's
    /// messages are dropped: it is one of the f faults the set tolerates until a set change voting
    /// it out (POEF.md §11.1), and its votes never help a quorum.
    /// </summary>
    private bool SignerInForce(ConsensusMessage message, ValidatorSet set)
    {
        var signer = message switch
        {
            Vote vote => vote.Validator,
            Proposal proposal => proposal.Proposer,
            _ => (DeviceId?)null,
        };
        if (signer is not { } id || set.IndexOf(id) is var index && index < 0)
        {
            return true;
        }

        var member = set[index];
        var now = _clock.UtcNow;
        return _memberCertificates.CertificatesOf(id).Any(c => c.SubjectKey == member.Key && _memberCertificates.Check(id, c.Serial, c.Role, now, null, out _) == CertificateStatus.Valid);
    }

    private async Task LoadNodeCertificatesAsync(DeviceId node, CancellationToken cancellationToken)
    {
        var (registry, _) = await RegistryLoader.LoadAsync(_pki, _trustAnchor, node, cancellationToken);
        _nodeCertificates = registry;
    }

    // Why this silo cannot carry the set's messages, or null when it can (POEF.md §12.1).
    private string? MissingTransport() =>
        ServiceProvider.GetKeyedService<IBroadcastChannelProvider>(ValidatorStreams.ProviderName) is null
        && ServiceProvider.GetKeyedService<IStreamProvider>(ValidatorStreams.ProviderName) is null
            ? $"this silo registers no validator transport: neither broadcast channels nor a stream provider named '{ValidatorStreams.ProviderName}' (AddValidatorChannels registers the channels)"
            : null;

    /// <summary>
    /// The other members' inboxes, on the set's broadcast channels when the silo registers a
    /// broadcast channel provider under <see cref="ValidatorStreams.ProviderName"/> (push: a message is
    /// one call to its receiver), else on the stream provider of that name (memory streams are
    /// queued and polled). The inboxes' namespace and keys are the same either way.
    /// </summary>
    private Func<byte[], Task>[] ConnectPeers(ValidatorSet set)
    {
        if (MissingTransport() is { } missing)
        {
            // An enrolled validator on a silo configured without a transport: it stays down, and
            // says why, until the silo is configured again.
            throw new InvalidOperationException($"validator '{_self}' cannot start: {missing}");
        }

        var space = ValidatorAddress.NamespaceOf(set.Id);
        var keys = set.Members.Where(m => m.Id != _self).Select(m => ValidatorAddress.KeyOf(set.Id, m.Id));
        if (ServiceProvider.GetKeyedService<IBroadcastChannelProvider>(ValidatorStreams.ProviderName) is { } channels)
        {
            return [.. keys.Select(key => (Func<byte[], Task>)channels.GetChannelWriter<byte[]>(ChannelId.Create(space, key)).Publish)];
        }

        var streams = this.GetStreamProvider(ValidatorStreams.ProviderName);
        return [.. keys.Select(key => streams.GetStream<byte[]>(StreamId.Create(space, key))).Select(stream => (Func<byte[], Task>)(bytes => stream.OnNextAsync(bytes)))];
    }

    private Task PublishAsync(ConsensusMessage message)
    {
        var bytes = message.Encode();
        return Task.WhenAll(_peers.Select(peer => peer(bytes)));
    }

    private void Defer(ConsensusMessage message)
    {
        if (_deferred.Count >= MaxDeferred)
        {
            LogDeferredFull(_self.Value, _deferred.Count, State.Target);
            _deferred.RemoveAt(0);
        }

        _deferred.Add(message);
    }

    private async Task ReleaseAsync()
    {
        var target = State.Target;
        if (_opened == 0)
        {
            Open();
        }

        var messages = _deferred.Where(m => m.Height <= target).ToList();
        var timers = _deferredTimers.Where(t => t.Height <= target).ToList();
        _deferred.RemoveAll(m => m.Height <= target);
        _deferredTimers.RemoveAll(t => t.Height <= target);
        foreach (var timeout in timers)
        {
            StartTimer(timeout);
        }

        await Task.WhenAll(messages.Select(PublishAsync));
    }

    /// <summary>Marks the start of the engine's height for the latency metric, when the target lets it run.</summary>
    private void Open() => _opened = _engine is { } engine && engine.Height <= State.Target ? Stopwatch.GetTimestamp() : 0;

    private void StartTimer(TimeoutRequest request)
    {
        var pending = new PendingTimer(request);
        pending.Timer = this.RegisterGrainTimer(OnTimerAsync, pending, new GrainTimerCreationOptions(request.Delay, Timeout.InfiniteTimeSpan));
    }

    private async Task OnTimerAsync(PendingTimer pending, CancellationToken cancellationToken)
    {
        pending.Timer?.Dispose();
        if (_engine is { } engine)
        {
            await HandleAsync(engine.OnTimeout(pending.Request));
        }
    }

    /// <summary>A one-shot engine timer and its grain timer, disposed when it fires.</summary>
    private sealed class PendingTimer(TimeoutRequest request)
    {
        public TimeoutRequest Request { get; } = request;

        public IGrainTimer? Timer { get; set; }
    }
}
