using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartGrid.Contracts.Appliances;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Analytics;
using SmartGrid.Grains.Diagnostics;
using SmartGrid.Grains.Options;
using SmartGrid.Grains.Pki;
using SmartGrid.Grains.Tiers;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Meters;

/// <summary>
/// One meter's chain segment. Holds the head, a bounded window of recent blocks (encoded) and the
/// meter's certificates (and its appliances') in memory; an accepted upload is one append to the
/// ledger store (a backlog's accepted blocks, up to 64, are one append together). All checking is
/// done by <see cref="MeterBlockValidator"/> before anything is written. A block whose appliance reports exceed the meter's own energy is appended and flagged
/// (<see cref="IngestResult.Excess"/>); after an append the carried reports are pushed, one way, to
/// their appliance grains.
/// </summary>
public sealed partial class MeterGrain : Grain, IMeterGrain
{
    // The longest run of a backlog written in one append: one store page's worth, so that a
    // device's long backlog does not hold the store's group commit for everyone else's uploads.
    private const int MaxBlocksPerAppend = 64;

    private readonly IPersistentState<MeterGrainState> _state;
    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;
    private readonly LedgerOptions _options;
    private readonly LedgerClock _clock;
    private readonly TierReferences _tiers;
    private readonly ILogger<MeterGrain> _logger;
    private readonly Queue<ReadOnlyMemory<byte>> _window = new();
    private CertificateRegistry _registry;
    private DeviceId _meterId;
    private string _keyError = string.Empty;
    private ChainId _chain;
    private ChainHead _head = ChainHead.Genesis;
    private string? _storeFault;
    private bool _statsDirty;
    private IGrainTimer? _flushTimer;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public MeterGrain(
        [PersistentState("meter", StorageNames.GrainState)] IPersistentState<MeterGrainState> state,
        ILedgerStore ledger,
        IPkiStore pki,
        IOptions<LedgerOptions> options,
        LedgerClock clock,
        TierReferences tiers,
        ILogger<MeterGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tiers = tiers;
        _state = state;
        _ledger = ledger;
        _pki = pki;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _registry = new CertificateRegistry(_options.TrustAnchor ?? throw new InvalidOperationException("LedgerOptions.TrustAnchor is not configured"));
    }

    private bool IsProvisioned => _registry.CertificatesOf(_meterId).Count > 0;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DeviceId.TryParse(this.GetPrimaryKeyString(), out _meterId, out _keyError))
        {
            return;
        }

        _chain = ChainId.Meter(_meterId);
        var (registry, defects) = await RegistryLoader.LoadAsync(_pki, _registry.TrustAnchor, _meterId, cancellationToken);
        _registry = registry;
        foreach (var defect in defects)
        {
            LogBadStoredCertificate(_meterId.Value, defect.Message);
        }

        // The appliances' certificates, so that blocks carrying their reports can be checked.
        var applianceDefects = new List<ChainDefect>();
        foreach (var appliance in _state.State.Appliances)
        {
            await RegistryLoader.AddAsync(_pki, _registry, DeviceId.Parse(appliance), applianceDefects, cancellationToken);
        }

        foreach (var defect in applianceDefects)
        {
            LogBadStoredCertificate(_meterId.Value, defect.Message);
        }

        await LoadHeadAsync(cancellationToken);
        LogActivated(_meterId.Value, _head.Height);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_statsDirty)
        {
            await FlushStatisticsAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> ProvisionAsync(DeviceCertificate certificate)
    {
        var (result, changed) = await InstallCertificateAsync(certificate);
        if (changed)
        {
            await _state.WriteStateAsync();
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> AttachAsync(DeviceId concentrator)
    {
        var (result, changed) = await AttachCoreAsync(concentrator);
        if (changed)
        {
            await _state.WriteStateAsync();
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> ProvisionAttachedAsync(DeviceCertificate certificate, DeviceId concentrator)
    {
        var (provisioned, installed) = await InstallCertificateAsync(certificate);
        if (provisioned.Outcome is not (ProvisionOutcome.Accepted or ProvisionOutcome.AlreadyKnown))
        {
            return provisioned;
        }

        var (attached, moved) = await AttachCoreAsync(concentrator);
        if (installed || moved)
        {
            await _state.WriteStateAsync();
        }

        // The caller learns whether the certificate was new (a fresh meter) or known (resume it).
        return attached.Outcome == ProvisionOutcome.Accepted ? provisioned : attached;
    }

    // Checks and installs the certificate; the state (when it changed) is the caller's to write.
    private async Task<(ProvisionResult Result, bool StateChanged)> InstallCertificateAsync(DeviceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (_meterId.IsEmpty)
        {
            return (Refuse(certificate, ProvisionOutcome.WrongSubject, _keyError), false);
        }

        if (certificate.Subject != _meterId)
        {
            return (Refuse(certificate, ProvisionOutcome.WrongSubject, $"certificate is for '{certificate.Subject}', this is meter '{_meterId}'"), false);
        }

        if (certificate.Role != DeviceRole.Meter)
        {
            return (Refuse(certificate, ProvisionOutcome.WrongRole, $"certificate is for role {certificate.Role}, a meter needs {DeviceRole.Meter}"), false);
        }

        var installed = await PkiInstaller.InstallAsync(_registry, _pki, certificate);
        if (installed.Outcome != ProvisionOutcome.Accepted)
        {
            return (installed.Outcome == ProvisionOutcome.AlreadyKnown ? installed : Refuse(certificate, installed.Outcome, installed.Message), false);
        }

        var changed = false;
        if (_state.State.ProvisionedAt is null)
        {
            _state.State.ProvisionedAt = _clock.UtcNow;
            changed = true;
        }

        LogProvisioned(_meterId.Value, certificate.Serial);
        return (ProvisionResult.Of(ProvisionOutcome.Accepted), changed);
    }

    // Joins the concentrator; the state (when it changed) is the caller's to write.
    private async Task<(ProvisionResult Result, bool StateChanged)> AttachCoreAsync(DeviceId concentrator)
    {
        if (_meterId.IsEmpty)
        {
            DeactivateIfUnprovisioned();
            return (ProvisionResult.Of(ProvisionOutcome.WrongSubject, _keyError), false);
        }

        if (!IsProvisioned)
        {
            DeactivateIfUnprovisioned();
            return (ProvisionResult.Of(ProvisionOutcome.UnknownCertificate, $"meter '{_meterId}' is not provisioned"), false);
        }

        if (concentrator.IsEmpty)
        {
            return (ProvisionResult.Of(ProvisionOutcome.WrongSubject, "a concentrator id is required"), false);
        }

        var grain = GrainFactory.GetGrain<IConcentratorGrain>(concentrator.Value);
        await grain.AdoptAsync(_meterId);
        var changed = false;
        if (_state.State.Concentrator != concentrator.Value)
        {
            _state.State.Concentrator = concentrator.Value;
            changed = true;
        }

        // Blocks stored before the meter was attached are anchored with its current head.
        if (_head.LastTimestamp is { } lastTimestamp)
        {
            await grain.OfferMeterHeadAsync(new MeterHeadNotice
            {
                Head = new Anchor(DeviceRole.Meter, _meterId, (ulong)(_head.Height - 1), _head.Hash),
                OldestNewBlock = lastTimestamp,
                HeadTimestamp = lastTimestamp,
                NewBlocks = 0,
            });
        }

        return (ProvisionResult.Of(ProvisionOutcome.Accepted), changed);
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> AdoptApplianceAsync(DeviceId appliance)
    {
        if (_meterId.IsEmpty || !IsProvisioned)
        {
            DeactivateIfUnprovisioned();
            return ProvisionResult.Of(_meterId.IsEmpty ? ProvisionOutcome.WrongSubject : ProvisionOutcome.UnknownCertificate, _meterId.IsEmpty ? _keyError : $"meter '{_meterId}' is not provisioned");
        }

        if (appliance.IsEmpty || appliance == _meterId)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, appliance.IsEmpty ? "an appliance id is required" : "a meter cannot be its own appliance");
        }

        var appliances = _state.State.Appliances;
        var at = appliances.BinarySearch(appliance.Value, StringComparer.Ordinal);
        if (at < 0 && appliances.Count >= _options.MaxAppliancesPerMeter)
        {
            return ProvisionResult.Of(ProvisionOutcome.Conflict, $"meter '{_meterId}' already has {appliances.Count} appliances, the most allowed");
        }

        // Re-read the appliance's certificates even when it is known: it may have a new one.
        var defects = new List<ChainDefect>();
        await RegistryLoader.AddAsync(_pki, _registry, appliance, defects);
        if (!_registry.CertificatesOf(appliance).Any(c => c.Role == DeviceRole.Appliance))
        {
            return ProvisionResult.Of(ProvisionOutcome.UnknownCertificate, $"'{appliance}' holds no appliance certificate from the utility root{(defects.Count > 0 ? ": " + defects[0].Message : string.Empty)}");
        }

        if (at >= 0)
        {
            return ProvisionResult.Of(ProvisionOutcome.AlreadyKnown);
        }

        appliances.Insert(~at, appliance.Value);
        await _state.WriteStateAsync();
        LogApplianceAdopted(_meterId.Value, appliance.Value);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation)
    {
        var result = await PkiInstaller.RevokeAsync(_registry, _pki, _meterId, "meter", revocation);
        if (result.Outcome is ProvisionOutcome.WrongSubject or ProvisionOutcome.UnknownCertificate)
        {
            DeactivateIfUnprovisioned();
        }
        else if (result.Outcome == ProvisionOutcome.Accepted)
        {
            LogRevoked(_meterId.Value, revocation.Serial, revocation.RevokedAt);
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<IngestResult> IngestAsync(MeterBlock block)
    {
        var result = await IngestOneAsync(block);
        if (result.Accepted)
        {
            await NotifyConcentratorAsync([block]);
        }

        return result;
    }

    private async ValueTask<IngestResult> IngestOneAsync(MeterBlock block)
    {
        if (Judge(block, _head) is { } defect)
        {
            return Reject(defect);
        }

        var height = _head.Height;
        try
        {
            await _ledger.AppendAsync(_chain, height, block.Encoded);
        }
        catch (LedgerConflictException ex)
        {
            return await RejectAfterConflictAsync(block, height, ex);
        }

        return await ApplyAppendedAsync(block);
    }

    // Everything that decides whether a block may extend the chain at `head`; null when it may.
    private ChainDefect? Judge(MeterBlock block, in ChainHead head)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_meterId.IsEmpty)
        {
            return new ChainDefect(0, DefectKind.WrongDevice, _keyError);
        }

        if (_storeFault is not null)
        {
            return new ChainDefect(head.Height, DefectKind.MissingBlocks, _storeFault);
        }

        return MeterBlockValidator.Check(block, _meterId, head, _registry, _clock.UtcNow, _options.MaxClockSkew);
    }

    // Another writer extended this chain (a duplicate activation during a cluster change): re-read
    // the head and judge the block against what is really stored.
    private async ValueTask<IngestResult> RejectAfterConflictAsync(MeterBlock block, long height, LedgerConflictException conflict)
    {
        LogAppendConflict(_meterId.Value, height, conflict);
        await LoadHeadAsync(CancellationToken.None);
        return Reject(Judge(block, _head) ?? new ChainDefect(_head.Height, DefectKind.Replay, $"the store refused height {height}: {conflict.Message}"));
    }

    // What follows a durable append: the head moves, the household learns, reports go out.
    private async ValueTask<IngestResult> ApplyAppendedAsync(MeterBlock block)
    {
        var result = Apply(block);
        await PushReportsAsync(block);
        return result;
    }

    // The in-memory consequences of a stored block, none of which waits or calls out: a run of
    // stored blocks is applied whole before any report is pushed, so a failing push can never
    // leave a stored block unapplied.
    private IngestResult Apply(MeterBlock block)
    {
        var height = _head.Height;
        var excess = MeterBlockValidator.CheckBalance(block, _head);
        ObserveHousehold(block.Profile, _head.LastImportWh);
        _head = _head.Advance(block);
        Remember(block);
        LedgerMetrics.Accepted(block.Profile.Readings.Length);
        if (excess is not { } flag)
        {
            return IngestResult.Appended(height, block.Hash);
        }

        LogApplianceExcess(_meterId.Value, height, flag.ApplianceWh, flag.MeterWh);
        _state.State.ApplianceExcesses++;
        MarkStatisticsDirty();
        return IngestResult.Appended(height, block.Hash) with
        {
            Excess = new ApplianceExcess { ApplianceWh = flag.ApplianceWh, MeterWh = flag.MeterWh, ToleranceWh = flag.ToleranceWh },
        };
    }

    // One-way, one call per appliance per block: the upload's acknowledgement never waits for them,
    // and the appliance grain link-checks what it gets.
    private async ValueTask PushReportsAsync(MeterBlock block)
    {
        if (block.Reports.IsEmpty)
        {
            return;
        }

        foreach (var reports in block.Reports.GroupBy(r => r.ApplianceId))
        {
            await GrainFactory.GetGrain<IApplianceGrain>(reports.Key.Value).OfferReportsAsync([.. reports]);
        }
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<IngestResult>> IngestManyAsync(ImmutableArray<MeterBlock> blocks)
    {
        if (blocks.IsDefaultOrEmpty)
        {
            return [];
        }

        if (blocks.Length > _options.MaxBlocksPerIngest)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks.Length, $"at most {_options.MaxBlocksPerIngest} blocks per call");
        }

        // The blocks are judged in order against the head they would extend, and each run of
        // accepted ones is written in one durable append: a backlog costs one store round trip,
        // not one per block. A resent block (a duplicate) ends the run and is answered in its place.
        var results = ImmutableArray.CreateBuilder<IngestResult>(blocks.Length);
        var appended = new List<MeterBlock>(blocks.Length);
        var run = new List<MeterBlock>(blocks.Length);
        var provisional = _head;
        foreach (var block in blocks)
        {
            var defect = Judge(block, provisional);
            if (defect is null)
            {
                run.Add(block);
                provisional = provisional.Advance(block);
                if (run.Count == MaxBlocksPerAppend)
                {
                    if (!await AppendRunAsync(run, results, appended))
                    {
                        return await FinishManyAsync(results, appended);
                    }

                    provisional = _head;
                }

                continue;
            }

            if (!await AppendRunAsync(run, results, appended))
            {
                return await FinishManyAsync(results, appended);
            }

            // After a store conflict the head is the stored one, and the block is judged afresh.
            var result = _head == provisional ? Reject(defect)
                : Judge(block, _head) is { } now ? Reject(now)
                : await IngestOneAsync(block);
            results.Add(result);
            if (result.Accepted)
            {
                appended.Add(block);
            }

            if (!result.IsOnChain)
            {
                return await FinishManyAsync(results, appended);
            }

            provisional = _head;
        }

        await AppendRunAsync(run, results, appended);
        return await FinishManyAsync(results, appended);
    }

    // Appends a run of blocks judged acceptable in one store write and applies them in order.
    // When the store refuses the run (another writer extended the chain), the head is reloaded
    // and the run's blocks are ingested one by one; false when one of them was refused, which
    // ends the upload. The run is emptied.
    private async ValueTask<bool> AppendRunAsync(List<MeterBlock> run, ImmutableArray<IngestResult>.Builder results, List<MeterBlock> appended)
    {
        if (run.Count == 0)
        {
            return true;
        }

        var height = _head.Height;
        try
        {
            await _ledger.AppendManyAsync(_chain, height, [.. run.Select(b => b.Encoded)]);
        }
        catch (LedgerConflictException ex)
        {
            LogAppendConflict(_meterId.Value, height, ex);
            await LoadHeadAsync(CancellationToken.None);
            var blocks = run.ToArray();
            run.Clear();
            foreach (var block in blocks)
            {
                var result = await IngestOneAsync(block);
                results.Add(result);
                if (result.Accepted)
                {
                    appended.Add(block);
                }

                if (!result.IsOnChain)
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var block in run)
        {
            results.Add(Apply(block));
            appended.Add(block);
        }

        var stored = run.ToArray();
        run.Clear();
        foreach (var block in stored)
        {
            await PushReportsAsync(block);
        }

        return true;
    }

    private async Task<ImmutableArray<IngestResult>> FinishManyAsync(ImmutableArray<IngestResult>.Builder results, List<MeterBlock> appended)
    {
        // One push for the whole upload: the concentrator anchors the new head, which covers
        // every block before it by hash link.
        if (appended.Count > 0)
        {
            await NotifyConcentratorAsync(appended);
        }

        return results.ToImmutable();
    }

    /// <inheritdoc />
    public ValueTask<MeterHead> GetHeadAsync()
    {
        DeactivateIfUnprovisioned();
        return ValueTask.FromResult(CurrentHead());
    }

    /// <inheritdoc />
    public Task<MeterStatus> GetStatusAsync()
    {
        var certificates = _meterId.IsEmpty ? [] : _registry.CertificatesOf(_meterId);
        var status = new MeterStatus
        {
            Provisioned = certificates.Count > 0,
            CertificateSerials = [.. certificates.Select(c => c.Serial)],
            RevokedSerials = [.. _registry.RevocationsOf(_meterId).Select(r => r.Serial).Order()],
            Head = CurrentHead(),
            Rejections = _state.State.Rejections.ToImmutableDictionary(),
            Appliances = [.. _state.State.Appliances.Select(DeviceId.Parse)],
            ApplianceExcesses = _state.State.ApplianceExcesses,
        };
        DeactivateIfUnprovisioned();
        return Task.FromResult(status);
    }

    /// <inheritdoc />
    public Task<MeterCredentials> GetCredentialsAsync()
    {
        var credentials = new MeterCredentials
        {
            Certificates = _meterId.IsEmpty ? [] : [.. _registry.CertificatesOf(_meterId)],
            Revocations = _meterId.IsEmpty ? [] : [.. _registry.RevocationsOf(_meterId)],
            ApplianceCertificates = [.. _state.State.Appliances.SelectMany(a => _registry.CertificatesOf(DeviceId.Parse(a)))],
        };
        DeactivateIfUnprovisioned();
        return Task.FromResult(credentials);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<MeterBlock>> GetBlocksAsync(long fromHeight, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        maxCount = Math.Min(maxCount, _options.MaxBlocksPerRead);
        if (fromHeight >= _head.Height)
        {
            DeactivateIfUnprovisioned();
            return [];
        }

        var windowStart = _head.Height - _window.Count;
        if (fromHeight >= windowStart)
        {
            return [.. _window.Skip((int)(fromHeight - windowStart)).Take(maxCount).Select(bytes => MeterBlock.Decode(bytes.Span))];
        }

        // Older blocks come from the store; reading stops before the first record that does
        // not decode (VerifyAsync reports it).
        var blocks = ImmutableArray.CreateBuilder<MeterBlock>(maxCount);
        await foreach (var entry in _ledger.ReadAsync(_chain, fromHeight))
        {
            if (blocks.Count == maxCount)
            {
                break;
            }

            try
            {
                blocks.Add(MeterBlock.Decode(entry.Bytes.Span));
            }
            catch (LedgerFormatException)
            {
                break;
            }
        }

        return blocks.ToImmutable();
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<StoredBlock>> GetStoredBlocksAsync(long fromHeight, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var blocks = await StoredBlockReader.ReadAsync(_ledger, _meterId.IsEmpty ? null : _chain, fromHeight, Math.Min(maxCount, _options.MaxBlocksPerRead));
        DeactivateIfUnprovisioned();
        return blocks;
    }

    /// <inheritdoc />
    public async Task<ChainReport> VerifyAsync()
    {
        if (_meterId.IsEmpty)
        {
            DeactivateIfUnprovisioned();
            return new ChainReport(default, 0, 0, Hash256.Zero, [new ChainDefect(0, DefectKind.WrongDevice, _keyError)]);
        }

        // Re-read the PKI too: the report must reflect what is stored, not what is cached.
        var report = await new LedgerAuditor(_ledger, _pki, _registry.TrustAnchor, _options.MaxClockSkew).AuditChainAsync(_chain);
        DeactivateIfUnprovisioned();
        return report;
    }

    // The blocks one upload appended, oldest first.
    private async ValueTask NotifyConcentratorAsync(IReadOnlyList<MeterBlock> appended)
    {
        if (_state.State.Concentrator is not { } concentrator)
        {
            return;
        }

        // One-way: the upload's acknowledgement never waits for the tier above. The readings
        // travel with the head, so the area analytics never reads these blocks back.
        var head = appended[^1];
        await _tiers.Concentrator(concentrator).OfferMeterHeadAsync(new MeterHeadNotice
        {
            Head = Anchor.Of(DeviceRole.Meter, head),
            OldestNewBlock = appended[0].Timestamp,
            HeadTimestamp = head.Timestamp,
            NewBlocks = appended.Count,
            Samples = _options.AreaAnalytics ? AreaSampling.Of(_meterId, appended) : null,
        });
    }

    private MeterHead CurrentHead() => new()
    {
        Height = _head.Height,
        Hash = _head.Hash,
        LastTimestamp = _head.LastTimestamp,
        LastReadingEnd = _head.LastReadingEnd,
    };

    private async Task LoadHeadAsync(CancellationToken cancellationToken)
    {
        _window.Clear();
        _head = ChainHead.Genesis;
        _storeFault = null;
        var tail = await _ledger.ReadTailAsync(_chain, _options.RecentWindow, cancellationToken);
        foreach (var entry in tail)
        {
            try
            {
                var block = MeterBlock.Decode(entry.Bytes.Span);
                _head = new ChainHead(entry.Height, _head.Hash, _head.LastTimestamp, _head.LastReadingEnd).Advance(block);
                Remember(block);
            }
            catch (LedgerFormatException ex)
            {
                // The store was altered; new blocks still link to the bytes it holds, and the
                // audit names the record.
                LogCorruptTail(_meterId.Value, entry.Height, ex);
                _window.Clear();
                _head = new ChainHead(entry.Height + 1, Hash256.Compute(entry.Bytes.Span), _head.LastTimestamp, _head.LastReadingEnd);
            }
        }

        // A directory that records more blocks than the tail ends at means blocks were deleted:
        // appending would fork the chain at a height the store says is taken.
        var recorded = await _ledger.GetHeightAsync(_chain, cancellationToken);
        if (recorded != _head.Height)
        {
            _storeFault = $"the store records {recorded} blocks for this chain but holds {_head.Height}; audit the store";
            LogStoreFault(_meterId.Value, recorded, _head.Height);
        }
    }

    // The window keeps encoded bytes: a decoded 24-reading block costs several times more memory.
    private void Remember(MeterBlock block)
    {
        _window.Enqueue(block.Encoded);
        while (_window.Count > _options.RecentWindow)
        {
            _window.Dequeue();
        }
    }

    private IngestResult Reject(ChainDefect defect)
    {
        if (defect.Kind == DefectKind.Duplicate)
        {
            LogDuplicate(_meterId.Value, _head.Height - 1);
        }
        else
        {
            LogRejected(_meterId.Value, _head.Height, defect.Kind, defect.Message);
        }

        LedgerMetrics.Rejected(defect.Kind);
        if (IsProvisioned)
        {
            var counts = _state.State.Rejections;
            counts[defect.Kind] = counts.GetValueOrDefault(defect.Kind) + 1;
            MarkStatisticsDirty();
        }
        else
        {
            DeactivateIfUnprovisioned();
        }

        return IngestResult.Rejected(defect, _head.Height, _head.Hash);
    }

    private ProvisionResult Refuse(DeviceCertificate certificate, ProvisionOutcome outcome, string message)
    {
        LogProvisionRefused(_meterId.Value, certificate.Serial, outcome.ToString());
        DeactivateIfUnprovisioned();
        return ProvisionResult.Of(outcome, message);
    }

    // An unknown id costs no more than one short activation: anyone can name a meter, but only
    // a provisioned one stays in memory.
    private void DeactivateIfUnprovisioned()
    {
        if (!IsProvisioned)
        {
            DeactivateOnIdle();
        }
    }

    private void MarkStatisticsDirty()
    {
        _statsDirty = true;
        _flushTimer ??= this.RegisterGrainTimer(
            static (grain, cancellationToken) => grain.FlushStatisticsAsync(cancellationToken),
            this,
            new GrainTimerCreationOptions(_options.StatisticsFlushInterval, _options.StatisticsFlushInterval) { KeepAlive = false });
    }

    private async Task FlushStatisticsAsync(CancellationToken cancellationToken)
    {
        if (!_statsDirty)
        {
            return;
        }

        _statsDirty = false;
        await _state.WriteStateAsync(cancellationToken);
    }
}
