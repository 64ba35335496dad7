using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Contracts.Appliances;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Client;

/// <summary>
/// The SmartGridActors client SDK: provision meters, submit signed blocks, read chains and
/// verify them, either on the cluster or locally against the utility root key alone.
/// </summary>
/// <example>
/// <code>
/// await using var client = await SmartGridClient.ConnectAsync();
/// var result = await client.SubmitBlockAsync(block);
/// var report = await client.VerifyLocallyAsync(block.MeterId, KeyFile.ReadPublicKey("data/root.pub"));
/// </code>
/// </example>
public sealed class SmartGridClient : IAsyncDisposable
{
    private readonly IHost? _host;
    private readonly IGrainFactory _grains;
    private readonly int _readBatchSize;

    private SmartGridClient(IHost? host, IGrainFactory grains, int readBatchSize)
    {
        _host = host;
        _grains = grains;
        _readBatchSize = readBatchSize;
    }

    /// <summary>Connects to a cluster (by default the embedded silo on this machine).</summary>
    /// <exception cref="SmartGridConnectionException">No gateway answered.</exception>
    public static async Task<SmartGridClient> ConnectAsync(SmartGridClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SmartGridClientOptions();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            if (options.Gateways.Count == 0)
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }
            else
            {
                client.UseStaticClustering([.. options.Gateways]);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
            }
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var where = options.Gateways.Count == 0 ? $"localhost:{options.GatewayPort}" : string.Join(", ", options.Gateways);
            var reason = timeout.IsCancellationRequested ? $"no answer within {options.ConnectTimeout.TotalSeconds:0.#} s" : ex.Message;
            throw new SmartGridConnectionException($"could not connect to a SmartGridActors cluster at {where}: {reason}", ex);
        }

        return new SmartGridClient(host, host.Services.GetRequiredService<IClusterClient>(), Math.Max(1, options.ReadBatchSize));
    }

    /// <summary>Wraps an existing grain factory (inside a silo, or a test cluster's client).</summary>
    public static SmartGridClient FromGrainFactory(IGrainFactory grains, int readBatchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return new SmartGridClient(null, grains, Math.Max(1, readBatchSize));
    }

    /// <summary>The meter grain of a device, for calls the SDK does not wrap.</summary>
    public IMeterGrain Meter(DeviceId meter) => _grains.GetGrain<IMeterGrain>(meter.Value);

    /// <summary>Installs a meter's certificate (issued by the utility root).</summary>
    public Task<ProvisionResult> ProvisionMeterAsync(DeviceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Meter(certificate.Subject).ProvisionAsync(certificate);
    }

    /// <summary>The grain of an appliance, for calls the SDK does not wrap.</summary>
    public IApplianceGrain Appliance(DeviceId appliance) => _grains.GetGrain<IApplianceGrain>(appliance.Value);

    /// <summary>Installs an appliance's certificate (issued by the utility root, role Appliance).</summary>
    public Task<ProvisionResult> ProvisionApplianceAsync(DeviceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Appliance(certificate.Subject).ProvisionAsync(certificate);
    }

    /// <summary>
    /// Attaches a provisioned appliance to its household meter: from then on the meter's blocks may
    /// carry the appliance's signed reports, and each appended block pushes them to its chain.
    /// </summary>
    public Task<ProvisionResult> AttachApplianceAsync(DeviceId appliance, DeviceId meter) => Appliance(appliance).AttachAsync(meter);

    /// <summary>Revokes one of an appliance's certificates; its household meter refuses reports signed under it from then on.</summary>
    public Task<ProvisionResult> RevokeApplianceAsync(CertificateRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        return Appliance(revocation.Subject).RevokeAsync(revocation);
    }

    /// <summary>An appliance's provisioning, household, chain head and refused reports.</summary>
    public Task<ApplianceStatus> GetApplianceStatusAsync(DeviceId appliance) => Appliance(appliance).GetStatusAsync();

    /// <summary>Reads an appliance's chain of reports from <paramref name="fromHeight"/> on, in batches.</summary>
    /// <exception cref="LedgerFormatException">A stored report no longer decodes (the store was altered); the message names its height.</exception>
    public async IAsyncEnumerable<ApplianceReport> ReadApplianceChainAsync(DeviceId appliance, long fromHeight = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grain = Appliance(appliance);
        await foreach (var entry in ReadStoredAsync(grain.GetStoredBlocksAsync, fromHeight, cancellationToken).ConfigureAwait(false))
        {
            ApplianceReport report;
            try
            {
                report = ApplianceReport.Decode(entry.Bytes.Span);
            }
            catch (LedgerFormatException ex)
            {
                throw new LedgerFormatException($"report {entry.Height} of appliance '{appliance}' does not decode: {ex.Message}", ex);
            }

            yield return report;
        }
    }

    /// <summary>The grain of an anchoring node (concentrator, substation or utility).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> does not keep an anchor chain.</exception>
    public IAnchorNodeGrain Node(DeviceRole role, DeviceId node) => role switch
    {
        DeviceRole.Concentrator => _grains.GetGrain<IConcentratorGrain>(node.Value),
        DeviceRole.Substation => _grains.GetGrain<ISubstationGrain>(node.Value),
        DeviceRole.Utility => _grains.GetGrain<IUtilityGrain>(node.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "only concentrators, substations and the utility are anchoring nodes"),
    };

    /// <summary>
    /// Installs an anchoring node of <paramref name="tier"/>: its certificate (whose role must be
    /// that tier, or the node refuses it), the key it signs its blocks with, and its parent one
    /// tier up (none for the utility). The parent adopts it.
    /// </summary>
    public Task<ProvisionResult> ProvisionNodeAsync(DeviceRole tier, DeviceCertificate certificate, SigningKeyPair key, DeviceId? parent)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        return Node(tier, certificate.Subject).ProvisionAsync(new NodeProvisioning { Certificate = certificate, PrivateKey = key.ExportPrivateKey(), Parent = parent });
    }

    /// <summary>
    /// Enrolls <paramref name="validator"/> in the validator set <paramref name="setId"/> with its
    /// key (idempotent for the same set, key and genesis; see <see cref="IValidatorGrain.EnrollAsync"/>).
    /// </summary>
    public Task<ProvisionResult> EnrollValidatorAsync(Hash256 setId, DeviceId validator, ValidatorEnrollment enrollment) =>
        _grains.GetGrain<IValidatorGrain>(ValidatorAddress.KeyOf(setId, validator)).EnrollAsync(enrollment);

    /// <summary>
    /// Hands the chain of a substation or the utility to a validator set (record 0x25), which
    /// commits its blocks from then on (see <see cref="IAnchorParentGrain.UseValidatorsAsync"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is neither a substation nor the utility.</exception>
    public Task<ProvisionResult> UseValidatorsAsync(DeviceRole role, DeviceId node, byte[] validatorSet) => role switch
    {
        DeviceRole.Substation => _grains.GetGrain<ISubstationGrain>(node.Value).UseValidatorsAsync(validatorSet),
        DeviceRole.Utility => _grains.GetGrain<IUtilityGrain>(node.Value).UseValidatorsAsync(validatorSet),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "only substation and utility chains are committed by validators"),
    };

    /// <summary>Attaches a provisioned meter to its concentrator, which anchors its head from then on.</summary>
    public Task<ProvisionResult> AttachMeterAsync(DeviceId meter, DeviceId concentrator) => Meter(meter).AttachAsync(concentrator);

    /// <summary>
    /// Installs a meter's certificate and attaches it to <paramref name="concentrator"/> in one call
    /// (one state write): <c>Accepted</c> for a new certificate, <c>AlreadyKnown</c> for a meter
    /// provisioned before (whose chain a device should resume from).
    /// </summary>
    public Task<ProvisionResult> ProvisionMeterAsync(DeviceCertificate certificate, DeviceId concentrator)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Meter(certificate.Subject).ProvisionAttachedAsync(certificate, concentrator);
    }

    /// <summary>Records <paramref name="children"/> as nodes of the tier below <paramref name="node"/> in one state write (before provisioning a large area).</summary>
    public Task AdoptChildrenAsync(DeviceRole role, DeviceId node, IEnumerable<DeviceId> children) => Node(role, node).AdoptManyAsync([.. children]);

    /// <summary>
    /// Seals one interval across the hierarchy under <paramref name="utility"/>: concentrators, then
    /// substations, then the utility, in one call. For a large tree, seal tier by tier with
    /// <see cref="SealNodeAsync"/> instead: one call over thousands of nodes can outlast the response timeout.
    /// </summary>
    public Task<SealResult> SealTiersAsync(DeviceId utility) => Node(DeviceRole.Utility, utility).SealTreeAsync();

    /// <summary>Seals one node's pending child heads (and feeder readings, events) into its next block.</summary>
    public Task<SealResult> SealNodeAsync(DeviceRole role, DeviceId node) => Node(role, node).SealAsync();

    /// <summary>An anchoring node's state.</summary>
    public Task<AnchorNodeStatus> GetNodeStatusAsync(DeviceRole role, DeviceId node) => Node(role, node).GetStatusAsync();

    /// <summary>Records a concentrator's feeder meter reading for its next block.</summary>
    public Task ReportFeederAsync(DeviceId concentrator, FeederReading reading) => _grains.GetGrain<IConcentratorGrain>(concentrator.Value).ReportFeederAsync(reading);

    /// <summary>
    /// Hands theft alarms about <paramref name="concentrator"/>'s meters to it; its next block signs
    /// them as <c>TheftSuspected</c> events. Returns how many it took (alarms about meters that are
    /// not its children, or with scores outside 0..1, are refused).
    /// </summary>
    public Task<int> RecordTheftSuspicionsAsync(DeviceId concentrator, IEnumerable<TheftSuspicion> suspicions) =>
        _grains.GetGrain<IConcentratorGrain>(concentrator.Value).RecordTheftSuspicionsAsync([.. suspicions]);

    /// <summary>
    /// Installs a fitted theft detector (the bytes of <c>HybridTheftDetector.Save</c>, format
    /// <c>TheftModelFormat</c>) in <paramref name="utility"/>'s screening grain, which keeps it in its
    /// state. Bytes that do not load are refused: <see cref="TheftModelInfo.Error"/> names what was wrong.
    /// </summary>
    public Task<TheftModelInfo> InstallTheftModelAsync(DeviceId utility, ReadOnlySpan<byte> model) =>
        _grains.GetGrain<ITheftScreeningGrain>(utility.Value).InstallModelAsync([.. model]);

    /// <summary>The theft detector installed in <paramref name="utility"/>'s screening grain.</summary>
    public Task<TheftModelInfo> GetTheftModelAsync(DeviceId utility) => _grains.GetGrain<ITheftScreeningGrain>(utility.Value).GetModelAsync();

    /// <summary>
    /// Screens the member meters of <paramref name="concentrators"/> (one cohort) over
    /// <paramref name="days"/> whole days from <paramref name="from"/> with the utility's installed
    /// detector, from their stored chains and the concentrators' recorded feeder readings. Alarms go to
    /// the concentrators, signed as <c>TheftSuspected</c> events in their next blocks (an alarm already
    /// recorded is not recorded again); the verdicts come back.
    /// </summary>
    public Task<TheftScreeningReport> ScreenTheftAsync(DeviceId utility, IEnumerable<DeviceId> concentrators, DateTimeOffset from, int days)
    {
        ArgumentNullException.ThrowIfNull(concentrators);
        return _grains.GetGrain<ITheftScreeningGrain>(utility.Value).ScreenAsync(new TheftScreeningRequest { Concentrators = [.. concentrators], From = from, Days = days });
    }

    /// <summary>
    /// Revokes any stored certificate (meter, node) through the utility, which records it and
    /// applies it at the grain concerned. The revocation must be signed by the utility root.
    /// </summary>
    public Task<ProvisionResult> RevokeThroughUtilityAsync(DeviceId utility, CertificateRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        return _grains.GetGrain<IUtilityGrain>(utility.Value).RevokeCertificateAsync(revocation);
    }

    /// <summary>The certificates the utility's registry holds for <paramref name="subject"/> (all when null), verified under the root.</summary>
    public Task<ImmutableArray<DeviceCertificate>> GetCertificatesAsync(DeviceId utility, DeviceId? subject = null) =>
        _grains.GetGrain<IUtilityGrain>(utility.Value).GetCertificatesAsync(subject);

    /// <summary>The utility's revocation list, for checking proofs offline (<c>ProofVerifier.Verify(proof, root, revocations)</c>).</summary>
    public Task<ImmutableArray<CertificateRevocation>> GetRevocationListAsync(DeviceId utility) =>
        _grains.GetGrain<IUtilityGrain>(utility.Value).GetRevocationsAsync();

    /// <summary>A concentrator area's analytics: energy balance of its feeder, voltage, reversed registers, silent meters, outages.</summary>
    public Task<AreaReport> GetAreaReportAsync(DeviceId concentrator) => _grains.GetGrain<IAreaAnalyticsGrain>(concentrator.Value).GetReportAsync();

    /// <summary>A household's edge analytics: its best forecaster, forecast error and the last day's energy and peak-to-average.</summary>
    public Task<HouseholdReport> GetHouseholdReportAsync(DeviceId meter) => _grains.GetGrain<IHouseholdAnalyticsGrain>(meter.Value).GetReportAsync();

    /// <summary>Revokes one of a meter's certificates.</summary>
    public Task<ProvisionResult> RevokeAsync(CertificateRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        return Meter(revocation.Subject).RevokeAsync(revocation);
    }

    /// <summary>Submits one signed block to its meter's chain.</summary>
    public ValueTask<IngestResult> SubmitBlockAsync(MeterBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Meter(block.MeterId).IngestAsync(block);
    }

    /// <summary>Submits a meter's blocks in order (for example those stored during an outage).</summary>
    public Task<ImmutableArray<IngestResult>> SubmitBlocksAsync(DeviceId meter, IEnumerable<MeterBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return Meter(meter).IngestManyAsync([.. blocks]);
    }

    /// <summary>
    /// Submits one block each for several meters (a data concentrator's uploads) in one call; the
    /// results come back in the same order, each as <see cref="SubmitBlockAsync"/> would give it,
    /// and a rejected block is rejected alone. At most one block per meter.
    /// </summary>
    public Task<ImmutableArray<IngestResult>> SubmitBatchAsync(IEnumerable<MeterBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return _grains.GetGrain<IMeterIngressGrain>(0).IngestAsync([.. blocks]);
    }

    /// <summary>A meter chain's head.</summary>
    public ValueTask<MeterHead> GetHeadAsync(DeviceId meter) => Meter(meter).GetHeadAsync();

    /// <summary>A meter's provisioning, head and rejection counts.</summary>
    public Task<MeterStatus> GetStatusAsync(DeviceId meter) => Meter(meter).GetStatusAsync();

    /// <summary>Reads a meter's chain from <paramref name="fromHeight"/> to its head, in batches.</summary>
    /// <exception cref="LedgerFormatException">A stored block no longer decodes (the store was altered); the message names its height.</exception>
    public async IAsyncEnumerable<MeterBlock> ReadChainAsync(DeviceId meter, long fromHeight = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in ReadStoredAsync(meter, fromHeight, cancellationToken).ConfigureAwait(false))
        {
            MeterBlock block;
            try
            {
                block = MeterBlock.Decode(entry.Bytes.Span);
            }
            catch (LedgerFormatException ex)
            {
                throw new LedgerFormatException($"block {entry.Height} of meter '{meter}' does not decode: {ex.Message}", ex);
            }

            yield return block;
        }
    }

    /// <summary>Asks the cluster to verify a meter's stored chain.</summary>
    public Task<ChainReport> VerifyOnClusterAsync(DeviceId meter) => Meter(meter).VerifyAsync();

    /// <summary>
    /// Verifies a meter's chain here, trusting only <paramref name="trustAnchor"/> (the utility
    /// root's public key): certificates are checked against it, then every block from the first.
    /// </summary>
    public async Task<ChainReport> VerifyLocallyAsync(DeviceId meter, PublicKey trustAnchor, TimeSpan? maxClockSkew = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trustAnchor);
        var credentials = await Meter(meter).GetCredentialsAsync().ConfigureAwait(false);
        var (registry, pkiDefects) = RegistryLoader.Build(trustAnchor, [.. credentials.Certificates, .. credentials.ApplianceCertificates], credentials.Revocations);
        var defects = new List<ChainDefect>(pkiDefects);
        var head = await Meter(meter).GetHeadAsync().ConfigureAwait(false);
        var verifier = new ChainVerifier(registry, maxClockSkew ?? TimeSpan.FromMinutes(5));
        var report = await verifier.VerifyAsync(meter, ReadStoredAsync(meter, 0, cancellationToken), cancellationToken).ConfigureAwait(false);

        // The chain read must end where the cluster says its head is, or blocks were withheld.
        if (report.BlocksChecked != head.Height || report.Head != head.Hash)
        {
            defects.Add(new ChainDefect(report.BlocksChecked, DefectKind.MissingBlocks, $"the cluster reports {head.Height} blocks ending in {head.Hash.ToShortString()}, the chain read has {report.BlocksChecked} ending in {report.Head.ToShortString()}"));
        }

        return defects.Count == 0 ? report : report with { Defects = [.. defects.Where(d => d.Height < 0), .. report.Defects, .. defects.Where(d => d.Height >= 0)] };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync().ConfigureAwait(false);
            _host.Dispose();
        }
    }

    private IAsyncEnumerable<LedgerEntry> ReadStoredAsync(DeviceId meter, long fromHeight, CancellationToken cancellationToken) =>
        ReadStoredAsync(Meter(meter).GetStoredBlocksAsync, fromHeight, cancellationToken);

    private async IAsyncEnumerable<LedgerEntry> ReadStoredAsync(Func<long, int, Task<ImmutableArray<StoredBlock>>> read, long fromHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = fromHeight;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await read(next, _readBatchSize).ConfigureAwait(false);
            if (batch.IsDefaultOrEmpty)
            {
                yield break;
            }

            foreach (var stored in batch)
            {
                yield return new LedgerEntry(stored.Height, stored.Bytes);
            }

            next = batch[^1].Height + 1;
        }
    }
}
