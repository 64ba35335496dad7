using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartGrid.Contracts.Appliances;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Options;
using SmartGrid.Grains.Pki;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Appliances;

/// <summary>
/// One appliance's chain of reports. The reports arrive from the household meter after the block
/// carrying them was appended; each is checked by <see cref="ApplianceReportValidator.Check"/>
/// (sequence, link to the head, appliance certificate, signature, time) and appended to the ledger
/// store as chain kind <see cref="DeviceRole.Appliance"/>. Only the head is held in memory.
/// </summary>
public sealed partial class ApplianceGrain : Grain, IApplianceGrain
{
    private readonly IPersistentState<ApplianceGrainState> _state;
    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;
    private readonly LedgerOptions _options;
    private readonly LedgerClock _clock;
    private readonly ILogger<ApplianceGrain> _logger;
    private CertificateRegistry _registry;
    private DeviceId _id;
    private string _keyError = string.Empty;
    private ChainId _chain;
    private ChainHead _head = ChainHead.Genesis;
    private string? _storeFault;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public ApplianceGrain(
        [PersistentState("appliance", StorageNames.GrainState)] IPersistentState<ApplianceGrainState> state,
        ILedgerStore ledger,
        IPkiStore pki,
        IOptions<LedgerOptions> options,
        LedgerClock clock,
        ILogger<ApplianceGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _ledger = ledger;
        _pki = pki;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _registry = new CertificateRegistry(_options.TrustAnchor ?? throw new InvalidOperationException("LedgerOptions.TrustAnchor is not configured"));
    }

    private bool IsProvisioned => !_id.IsEmpty && _registry.CertificatesOf(_id).Count > 0;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DeviceId.TryParse(this.GetPrimaryKeyString(), out _id, out _keyError))
        {
            return;
        }

        _chain = new ChainId(DeviceRole.Appliance, _id);
        var (registry, defects) = await RegistryLoader.LoadAsync(_pki, _registry.TrustAnchor, _id, cancellationToken);
        _registry = registry;
        foreach (var defect in defects)
        {
            LogBadStoredCertificate(_id.Value, defect.Message);
        }

        await LoadHeadAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> ProvisionAsync(DeviceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (_id.IsEmpty)
        {
            return Refuse(ProvisionOutcome.WrongSubject, _keyError);
        }

        if (certificate.Subject != _id)
        {
            return Refuse(ProvisionOutcome.WrongSubject, $"certificate is for '{certificate.Subject}', this is appliance '{_id}'");
        }

        if (certificate.Role != DeviceRole.Appliance)
        {
            return Refuse(ProvisionOutcome.WrongRole, $"certificate is for role {certificate.Role}, an appliance needs {DeviceRole.Appliance}");
        }

        // Persist, then admit: a failed write leaves nothing in force that the store does not hold.
        var installed = await PkiInstaller.InstallAsync(_registry, _pki, certificate);
        if (installed.Outcome != ProvisionOutcome.Accepted)
        {
            return installed.Outcome == ProvisionOutcome.AlreadyKnown ? installed : Refuse(installed.Outcome, installed.Message);
        }

        if (_state.State.ProvisionedAt is null)
        {
            _state.State.ProvisionedAt = _clock.UtcNow;
            await _state.WriteStateAsync();
        }

        LogProvisioned(_id.Value, certificate.Serial);
        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> AttachAsync(DeviceId meter)
    {
        if (!IsProvisioned)
        {
            return Refuse(_id.IsEmpty ? ProvisionOutcome.WrongSubject : ProvisionOutcome.UnknownCertificate, _id.IsEmpty ? _keyError : $"appliance '{_id}' is not provisioned");
        }

        if (meter.IsEmpty)
        {
            return ProvisionResult.Of(ProvisionOutcome.WrongSubject, "a household meter id is required");
        }

        var adopted = await GrainFactory.GetGrain<IMeterGrain>(meter.Value).AdoptApplianceAsync(_id);
        if (!adopted.Succeeded)
        {
            return adopted;
        }

        if (_state.State.Household != meter.Value)
        {
            _state.State.Household = meter.Value;
            await _state.WriteStateAsync();
            LogAttached(_id.Value, meter.Value);
        }

        return ProvisionResult.Of(ProvisionOutcome.Accepted);
    }

    /// <inheritdoc />
    public async Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation)
    {
        var admission = await PkiInstaller.RevokeAsync(_registry, _pki, _id, "appliance", revocation);
        switch (admission.Outcome)
        {
            case ProvisionOutcome.WrongSubject or ProvisionOutcome.UnknownCertificate:
                return Refuse(admission.Outcome, admission.Message);
            case ProvisionOutcome.Accepted:
                LogRevoked(_id.Value, revocation.Serial, revocation.RevokedAt);
                break;
            case not ProvisionOutcome.AlreadyKnown:
                return admission;
        }

        // The meter checks the reports it carries: it must hold the revocation too.
        if (_state.State.Household is { } household)
        {
            var refreshed = await GrainFactory.GetGrain<IMeterGrain>(household).AdoptApplianceAsync(_id);
            if (!refreshed.Succeeded)
            {
                return refreshed;
            }
        }

        return admission;
    }

    /// <inheritdoc />
    public async Task OfferReportsAsync(ImmutableArray<ApplianceReport> reports)
    {
        if (reports.IsDefaultOrEmpty || !IsProvisioned)
        {
            DeactivateIfUnprovisioned();
            return;
        }

        var refused = false;
        foreach (var report in reports)
        {
            var problem = Judge(report);
            if (problem is null)
            {
                try
                {
                    await _ledger.AppendAsync(_chain, _head.Height, report.Encoded);
                    _head = _head.Advance(report);
                    continue;
                }
                catch (LedgerConflictException ex)
                {
                    // Another activation extended the chain: re-read the head and judge again.
                    await LoadHeadAsync(CancellationToken.None);
                    problem = Judge(report) ?? new ChainDefect(_head.Height, DefectKind.Replay, $"the store refused the append: {ex.Message}");
                }
            }

            if (problem.Kind != DefectKind.Duplicate)
            {
                LogRefused(_id.Value, report.Sequence, _head.Height, problem.Kind.ToString(), problem.Message);
                var reason = problem.Kind.ToString();
                _state.State.Refused[reason] = _state.State.Refused.GetValueOrDefault(reason) + 1;
                refused = true;
            }
        }

        // Refusals are rare (a lost notice, a re-attached appliance): written at once.
        if (refused)
        {
            await _state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ApplianceStatus> GetStatusAsync()
    {
        var status = new ApplianceStatus
        {
            Provisioned = IsProvisioned,
            CertificateSerials = _id.IsEmpty ? [] : [.. _registry.CertificatesOf(_id).Select(c => c.Serial)],
            Household = _state.State.Household is { } household ? DeviceId.Parse(household) : null,
            Height = _head.Height,
            Head = _head.Hash,
            LastReportEnd = _head.LastTimestamp,
            Refused = _state.State.Refused.ToImmutableDictionary(),
        };
        DeactivateIfUnprovisioned();
        return Task.FromResult(status);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<StoredBlock>> GetStoredBlocksAsync(long fromHeight, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var blocks = await StoredBlockReader.ReadAsync(_ledger, _id.IsEmpty ? null : _chain, fromHeight, Math.Min(maxCount, _options.MaxBlocksPerRead));
        DeactivateIfUnprovisioned();
        return blocks;
    }

    /// <inheritdoc />
    public async Task<ChainReport> VerifyAsync()
    {
        if (_id.IsEmpty)
        {
            return new ChainReport(default, 0, 0, Hash256.Zero, [new ChainDefect(0, DefectKind.WrongDevice, _keyError)]);
        }

        var report = await new LedgerAuditor(_ledger, _pki, _registry.TrustAnchor, _options.MaxClockSkew).AuditChainAsync(_chain);
        DeactivateIfUnprovisioned();
        return report;
    }

    // The meter already checked the report under the appliance's certificate when it took the
    // block; here the appliance's own chain is checked: household, sequence, link, time. Judged as
    // of the report's own time (now: null): a revocation issued since must not split the
    // appliance's chain from the meter blocks that already carry its reports.
    private ChainDefect? Judge(ApplianceReport report)
    {
        if (_storeFault is not null)
        {
            return new ChainDefect(_head.Height, DefectKind.MissingBlocks, _storeFault);
        }

        if (_state.State.Household is not { } household || report.Household.Value != household)
        {
            return new ChainDefect(_head.Height, DefectKind.ApplianceReportMismatch, $"report names household '{report.Household}', the appliance is attached to '{_state.State.Household ?? "no meter"}'");
        }

        return ApplianceReportValidator.Check(report, _id, _head, _registry, now: null, _options.MaxClockSkew);
    }

    private async Task LoadHeadAsync(CancellationToken cancellationToken)
    {
        _head = ChainHead.Genesis;
        _storeFault = null;
        foreach (var entry in await _ledger.ReadTailAsync(_chain, 1, cancellationToken))
        {
            try
            {
                _head = new ChainHead(entry.Height, Hash256.Zero, null, null).Advance(ApplianceReport.Decode(entry.Bytes.Span));
            }
            catch (LedgerFormatException ex)
            {
                _storeFault = $"stored report {entry.Height} does not decode ({ex.Message}); audit the store";
            }
        }

        var recorded = await _ledger.GetHeightAsync(_chain, cancellationToken);
        if (recorded != _head.Height && _storeFault is null)
        {
            _storeFault = $"the store records {recorded} reports for this chain but holds {_head.Height}; audit the store";
        }

        if (_storeFault is not null)
        {
            LogStoreFault(_id.Value, _storeFault);
        }
    }

    private ProvisionResult Refuse(ProvisionOutcome outcome, string message)
    {
        DeactivateIfUnprovisioned();
        return ProvisionResult.Of(outcome, message);
    }

    // Anyone can name an appliance; only a provisioned one stays in memory.
    private void DeactivateIfUnprovisioned()
    {
        if (!IsProvisioned)
        {
            DeactivateOnIdle();
        }
    }
}
