using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using SmartGrid.Client;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Time;

namespace SmartGrid.Simulation.Fleet;

/// <summary>
/// Drives a virtual fleet through the real ingest path at accelerated time: provisions each
/// meter's certificate (and its appliances', attaching them to it), then, upload slot after upload
/// slot, seals and submits every meter's
/// block with bounded concurrency (unbounded loops starve the silo, DESIGN.md §7).
/// </summary>
public sealed class FleetRunner
{
    private readonly SmartGridClient _client;
    private readonly CertificateAuthority _root;
    private readonly SimulationClock _clock;
    private readonly int _concurrency;

    /// <summary>Creates a runner submitting through <paramref name="client"/>.</summary>
    public FleetRunner(SmartGridClient client, CertificateAuthority root, SimulationClock clock, int concurrency = 64)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _root = root ?? throw new ArgumentNullException(nameof(root));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _concurrency = Math.Clamp(concurrency, 1, 4_096);
    }

    /// <summary>
    /// Whether each substation's chain is committed by its concentrators as PoEf validators, and the
    /// utility's by the substations (<see cref="PrepareAsync"/> enrolls them), rather than sealed by
    /// each node alone.
    /// </summary>
    public bool Consensus { get; init; }

    /// <summary>
    /// With <see cref="Consensus"/>, how many substations commit the utility's chain at most: a
    /// set of hundreds would cost O(n²) messages a height, so a larger fleet draws a committee
    /// (POEF.md §11.2) and the utility still anchors every substation. Default 16.
    /// </summary>
    public int UtilityCommittee { get; init; } = 16;

    /// <summary>Longest wait, after an interval is sealed, for the validators to commit a node's blocks.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Validity given to simulated meter certificates: from a year before the fleet's start, for 20 years.</summary>
    public static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) CertificateValidity(FleetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (spec.Start.AddYears(-1), spec.Start.AddYears(20));
    }

    /// <summary>
    /// Issues and installs each meter's certificate (idempotent: a meter already holding it is
    /// fine), then resumes each meter from the last block of its chain.
    /// </summary>
    /// <exception cref="InvalidOperationException">A meter refused its certificate.</exception>
    public async Task PrepareAsync(VirtualFleet fleet, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var (notBefore, notAfter) = CertificateValidity(fleet.Spec);
        var topology = new FleetTopology(fleet.Spec);
        foreach (var (node, role, parent) in topology.Nodes())
        {
            var key = topology.NodeKey(node);
            var nodeCertificate = _root.Issue(node, role, key.PublicKey, notBefore, notAfter, serial: 1);
            var provisioned = await _client.ProvisionNodeAsync(role, nodeCertificate, key, parent).ConfigureAwait(false);
            if (!provisioned.Succeeded)
            {
                throw new InvalidOperationException($"{role} {node} refused its certificate: {provisioned}");
            }
        }

        if (Consensus)
        {
            await EnrollValidatorsAsync(topology).ConfigureAwait(false);
        }

        // Each concentrator learns its whole area in one write, so attaching a meter costs it nothing.
        var areas = fleet.Meters.Select((meter, index) => (meter.Id, Concentrator: topology.ConcentratorOf(index))).GroupBy(m => m.Concentrator);
        foreach (var area in areas)
        {
            await _client.AdoptChildrenAsync(DeviceRole.Concentrator, topology.ConcentratorAt(area.Key), area.Select(m => m.Id)).ConfigureAwait(false);
        }

        var done = 0;
        await Parallel.ForEachAsync(fleet.Meters.Select((meter, index) => (meter, index)), Options(cancellationToken), async (item, _) =>
        {
            var (meter, index) = item;
            var certificate = _root.Issue(meter.Id, DeviceRole.Meter, meter.Key.PublicKey, notBefore, notAfter);
            var result = await _client.ProvisionMeterAsync(certificate, topology.ConcentratorAt(topology.ConcentratorOf(index))).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"meter {meter.Id} refused its certificate or could not be attached to its concentrator: {result}");
            }

            meter.KeySerial = certificate.Serial;

            foreach (var appliance in meter.Appliances)
            {
                var applianceCertificate = _root.Issue(appliance.Id, DeviceRole.Appliance, appliance.Key.PublicKey, notBefore, notAfter);
                var installed = await _client.ProvisionApplianceAsync(applianceCertificate).ConfigureAwait(false);
                var adopted = installed.Succeeded ? await _client.AttachApplianceAsync(appliance.Id, meter.Id).ConfigureAwait(false) : installed;
                if (!adopted.Succeeded)
                {
                    throw new InvalidOperationException($"appliance {appliance.Id} could not be provisioned and attached to meter {meter.Id}: {adopted}");
                }

                appliance.KeySerial = applianceCertificate.Serial;
            }

            // A new certificate is a new meter with no chain yet; a known one resumes from its chain.
            if (result.Outcome == ProvisionOutcome.AlreadyKnown)
            {
                await ResumeFromChainAsync(meter).ConfigureAwait(false);
            }

            progress?.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
    }

    /// <summary>Uploads every meter's readings up to <paramref name="until"/>, one upload slot at a time.</summary>
    public Task<FleetRunReport> RunAsync(VirtualFleet fleet, DateTimeOffset until, IProgress<FleetProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(fleet, until, null, progress, cancellationToken);

    /// <summary>
    /// Uploads every meter's readings up to <paramref name="until"/>, one upload slot at a time,
    /// under <paramref name="conditions"/> (outages) when given.
    /// </summary>
    public async Task<FleetRunReport> RunAsync(VirtualFleet fleet, DateTimeOffset until, FleetConditions? conditions, IProgress<FleetProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var spec = fleet.Spec;
        var from = fleet.Meters.Min(m => m.Clock);
        var slots = UploadSlots(spec, from, until);
        var total = (long)slots.Count * fleet.Meters.Count;
        var rejections = new ConcurrentDictionary<DefectKind, long>();
        var errors = new ConcurrentQueue<string>();
        var anchoringErrors = new ConcurrentQueue<string>();
        long submitted = 0, accepted = 0, readings = 0, reports = 0, excesses = 0, deferred = 0;
        var stopwatch = Stopwatch.StartNew();
        var anchoring = TimeSpan.Zero;
        var topology = new FleetTopology(spec);
        var feeder = new long[topology.Concentrators];
        var slotStart = from;
        foreach (var slot in slots)
        {
            _clock.AdvanceTo(slot);
            Array.Clear(feeder);
            await Parallel.ForEachAsync(fleet.Meters.Select((meter, index) => (meter, index)), Options(cancellationToken), async (item, _) =>
            {
                var (meter, index) = item;
                var before = meter.ConsumedWh;
                var sealedBlock = meter.Seal(slot, slot);

                // The feeder meter sees the energy really drawn (a tampered meter reports less),
                // whether or not the meter's upload gets through.
                Interlocked.Add(ref feeder[topology.ConcentratorOf(index)], meter.ConsumedWh - before);
                if (sealedBlock is null && meter.Outbox.Count == 0)
                {
                    return;
                }

                if (conditions?.UplinkDown?.Invoke(index, slot) == true)
                {
                    // No uplink: the meter keeps what it sealed and forwards it with a later upload.
                    Interlocked.Increment(ref deferred);
                    return;
                }

                // Everything the meter holds goes in order: normally the block just sealed, after
                // a failed upload also the ones before it (store-and-forward).
                var pending = meter.Outbox.ToArray();
                ImmutableArray<IngestResult> results;
                try
                {
                    results = pending.Length == 1
                        ? [await _client.SubmitBlockAsync(pending[0]).ConfigureAwait(false)]
                        : await _client.SubmitBlocksAsync(meter.Id, pending).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // An infrastructure failure is counted and reported, not fatal to the fleet:
                    // the meter keeps its blocks and sends them with its next upload.
                    errors.Enqueue($"{meter.Id}: {ex.Message}");
                    return;
                }

                var onChain = 0;
                foreach (var (block, result) in pending.Zip(results))
                {
                    Interlocked.Increment(ref submitted);
                    if (result.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                        Interlocked.Add(ref readings, block.Profile.Readings.Length);
                        Interlocked.Add(ref reports, block.Reports.Length);
                        if (result.IsFlagged)
                        {
                            Interlocked.Increment(ref excesses);
                        }
                    }
                    else
                    {
                        rejections.AddOrUpdate(result.Reason!.Value, 1, static (_, n) => n + 1);
                    }

                    if (!result.IsOnChain)
                    {
                        break;
                    }

                    onChain++;
                }

                meter.Acknowledge(onChain);
                if (meter.Outbox.Count > 0 && results.Length > onChain)
                {
                    // The chain refused a block: what the meter holds can no longer link, so it
                    // drops it and continues from the chain's real head, as a device resyncs.
                    await ResumeFromChainAsync(meter).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            var anchoringStarted = stopwatch.Elapsed;
            await AnchorIntervalAsync(topology, feeder, slotStart, slot, conditions?.FeederObserved, anchoringErrors, cancellationToken).ConfigureAwait(false);
            anchoring += stopwatch.Elapsed - anchoringStarted;
            slotStart = slot;
            progress?.Report(new FleetProgress(slot, Interlocked.Read(ref submitted), total, Interlocked.Read(ref accepted), Interlocked.Read(ref readings), Interlocked.Read(ref deferred)));
        }

        if (slots.Count > 0)
        {
            // The analytics' verdicts on the last interval wait for a next block: one more pass
            // signs them (a node with nothing pending seals nothing), so the run ends with every
            // verdict on a chain.
            var signingStarted = stopwatch.Elapsed;
            await AnchorIntervalAsync(topology, [], default, default, null, anchoringErrors, cancellationToken).ConfigureAwait(false);
            anchoring += stopwatch.Elapsed - signingStarted;
        }

        return new FleetRunReport
        {
            Meters = fleet.Meters.Count,
            From = from,
            To = slots.Count > 0 ? slots[^1] : from,
            BlocksSubmitted = submitted,
            BlocksAccepted = accepted,
            ReadingsAccepted = readings,
            ApplianceReportsAccepted = reports,
            ApplianceExcesses = excesses,
            Rejections = rejections.ToImmutableSortedDictionary(),
            Errors = [.. errors],
            AnchoringErrors = [.. anchoringErrors],
            UploadsDeferred = deferred,
            Elapsed = stopwatch.Elapsed,
            AnchoringElapsed = anchoring,
            Tiers = await SummarizeTiersAsync(fleet, topology, cancellationToken).ConfigureAwait(false),
            Areas = await SummarizeAreasAsync(topology).ConfigureAwait(false),
        };
    }

    /// <summary>Share of feeder energy lost between the transformer and the meters (technical losses).</summary>
    public const double FeederLossFraction = 0.03;

    // One interval of anchoring: each concentrator gets its feeder reading, then the hierarchy
    // seals bottom up, one tier at a time (concentrators, substations, utility), each node its own
    // call with bounded concurrency: one call fanning out to a million meters' tree would outlast
    // any response timeout. A node that fails or times out is counted and carries its pending
    // heads into the next interval; the fleet goes on.
    private async Task AnchorIntervalAsync(FleetTopology topology, long[] feeder, DateTimeOffset start, DateTimeOffset end, Action<int, Ledger.Tiers.FeederReading>? observed, ConcurrentQueue<string> errors, CancellationToken cancellationToken)
    {
        if (end > start)
        {
            var taken = new Ledger.Tiers.FeederReading?[feeder.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, feeder.Length), Options(cancellationToken), async (c, _) =>
            {
                var wh = (ulong)Math.Round(Math.Max(0, feeder[c]) * (1 + FeederLossFraction));
                var reading = new Ledger.Tiers.FeederReading(start, end, wh);
                try
                {
                    await _client.ReportFeederAsync(topology.ConcentratorAt(c), reading).ConfigureAwait(false);
                    taken[c] = reading;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    errors.Enqueue($"{topology.ConcentratorAt(c)}: feeder reading {start:O}..{end:O} not taken: {ex.Message}");
                }
            }).ConfigureAwait(false);
            for (var c = 0; c < taken.Length; c++)
            {
                if (taken[c] is { } reading)
                {
                    observed?.Invoke(c, reading);
                }
            }
        }

        await SealTierAsync(DeviceRole.Concentrator, Enumerable.Range(0, topology.Concentrators).Select(topology.ConcentratorAt), errors, cancellationToken).ConfigureAwait(false);
        var substations = Enumerable.Range(0, topology.Substations).Select(topology.SubstationAt).ToList();
        await SealTierAsync(DeviceRole.Substation, substations, errors, cancellationToken).ConfigureAwait(false);
        if (Consensus)
        {
            // One block per node and interval, whatever the validators' pace: a run repeats exactly.
            // The substations' blocks reach the utility as they are stored, so it seals after them.
            await SettleAsync(DeviceRole.Substation, substations, errors).ConfigureAwait(false);
        }

        await SealTierAsync(DeviceRole.Utility, [topology.Utility], errors, cancellationToken).ConfigureAwait(false);
        if (Consensus)
        {
            await SettleAsync(DeviceRole.Utility, [topology.Utility], errors).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The validator sets of the fleet: each substation's concentrators, and the utility's
    /// substations, each member with the key of its certificate. Idempotent: a resumed fleet finds
    /// them enrolled.
    /// </summary>
    private async Task EnrollValidatorsAsync(FleetTopology topology)
    {
        for (var s = 0; s < topology.Substations; s++)
        {
            var members = Enumerable.Range(0, topology.Concentrators).Where(c => topology.SubstationOf(c) == s).Select(topology.ConcentratorAt);
            await EnrollAsync(topology, DeviceRole.Substation, topology.SubstationAt(s), members).ConfigureAwait(false);
        }

        await EnrollAsync(topology, DeviceRole.Utility, topology.Utility, CommitteeOf(topology.Utility, Enumerable.Range(0, topology.Substations).Select(topology.SubstationAt), UtilityCommittee)).ConfigureAwait(false);
    }

    /// <summary>
    /// The utility's committee: every substation when there are at most <paramref name="size"/>,
    /// else the <paramref name="size"/> whose SHA-256 of "utility/substation" is lowest: a draw
    /// anyone can repeat, that no substation can steer but by its id.
    /// </summary>
    public static IReadOnlyList<DeviceId> CommitteeOf(DeviceId utility, IEnumerable<DeviceId> substations, int size)
    {
        ArgumentNullException.ThrowIfNull(substations);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var all = substations.ToList();
        return all.Count <= size
            ? all
            : [.. all.OrderBy(s => Hash256.Compute(System.Text.Encoding.ASCII.GetBytes($"{utility}/{s}")).ToString(), StringComparer.Ordinal).Take(size)];
    }

    /// <summary>Enrolls each of <paramref name="members"/> with its node key, then hands <paramref name="node"/>'s chain to their set (which it stores with the deployment).</summary>
    private async Task EnrollAsync(FleetTopology topology, DeviceRole role, DeviceId node, IEnumerable<DeviceId> members)
    {
        var set = new ValidatorSet(node, members.Select(m => new Validator(m, topology.NodeKey(m).PublicKey)));
        foreach (var member in set.Members)
        {
            var enrollment = new ValidatorEnrollment { ValidatorSet = set.Encoded.ToArray(), PrivateKey = topology.NodeKey(member.Id).ExportPrivateKey(), Genesis = Hash256.Zero };
            var enrolled = await _client.EnrollValidatorAsync(set.Id, member.Id, enrollment).ConfigureAwait(false);
            if (!enrolled.Succeeded)
            {
                throw new InvalidOperationException($"validator {member.Id} of {node} could not be enrolled: {enrolled}");
            }
        }

        var handed = await _client.UseValidatorsAsync(role, node, set.Encoded.ToArray()).ConfigureAwait(false);
        if (!handed.Succeeded)
        {
            throw new InvalidOperationException($"{role} {node} refused its validator set: {handed}");
        }
    }

    /// <summary>
    /// Waits until each of <paramref name="nodes"/> has stored what its validators were committing
    /// and proposed what was pending: a seal that proposes nothing. A node whose validators do not
    /// commit in time is counted in <paramref name="errors"/> (one that cannot seal at all was
    /// counted by its tier's seal); its block is decided with a later interval.
    /// </summary>
    private async Task SettleAsync(DeviceRole role, IEnumerable<DeviceId> nodes, ConcurrentQueue<string> errors)
    {
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(nodes.Select(async id =>
        {
            var node = _client.Node(role, id);
            try
            {
                while ((await node.SealAsync().ConfigureAwait(false)).Proposed)
                {
                    if (deadline.Elapsed > SettleTimeout)
                    {
                        errors.Enqueue($"{role} {id}: its validators did not commit its block within {SettleTimeout}");
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                errors.Enqueue($"{role} {id}: waiting for its validators failed: {ex.Message}");
            }
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// Seals one interval of <paramref name="spec"/>'s hierarchy tier by tier (concentrators,
    /// substations, utility), each node its own call; returns what went wrong, node by node
    /// (empty when every node sealed or had nothing new).
    /// </summary>
    public async Task<ImmutableArray<string>> SealTiersAsync(FleetSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var topology = new FleetTopology(spec);
        var errors = new ConcurrentQueue<string>();
        await AnchorIntervalAsync(topology, [], default, default, null, errors, cancellationToken).ConfigureAwait(false);
        return [.. errors];
    }

    private Task SealTierAsync(DeviceRole tier, IEnumerable<DeviceId> nodes, ConcurrentQueue<string> errors, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(nodes, Options(cancellationToken), async (node, _) =>
        {
            try
            {
                var result = await _client.SealNodeAsync(tier, node).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(result.Problem))
                {
                    errors.Enqueue($"{tier} {node} could not seal: {result.Problem}");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                errors.Enqueue($"{tier} {node}: seal failed, its heads wait for the next interval: {ex.Message}");
            }
        });

    private async Task<AreaSummary> SummarizeAreasAsync(FleetTopology topology)
    {
        double feeder = 0, metered = 0;
        var findings = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var c = 0; c < topology.Concentrators; c++)
        {
            var report = await _client.GetAreaReportAsync(topology.ConcentratorAt(c)).ConfigureAwait(false);
            feeder += report.FeederWh;
            metered += report.MeteredWh;
            foreach (var (kind, count) in report.Counts)
            {
                findings[kind] = findings.GetValueOrDefault(kind) + count;
            }
        }

        return new AreaSummary(topology.Concentrators, feeder, metered, findings.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>The tiers as they stand now: appliances (when the fleet has any), concentrators, substations, utility.</summary>
    public Task<ImmutableArray<TierSummary>> SummarizeTiersAsync(VirtualFleet fleet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return SummarizeTiersAsync(fleet, new FleetTopology(fleet.Spec), cancellationToken);
    }

    private async Task<ImmutableArray<TierSummary>> SummarizeTiersAsync(VirtualFleet fleet, FleetTopology topology, CancellationToken cancellationToken)
    {
        var appliances = await SummarizeAppliancesAsync(fleet, cancellationToken).ConfigureAwait(false);
        var byRole = new Dictionary<DeviceRole, List<Contracts.Tiers.AnchorNodeStatus>>();
        foreach (var (node, role, _) in topology.Nodes())
        {
            if (!byRole.TryGetValue(role, out var list))
            {
                byRole[role] = list = [];
            }

            list.Add(await _client.GetNodeStatusAsync(role, node).ConfigureAwait(false));
        }

        var anchoring = new[] { DeviceRole.Concentrator, DeviceRole.Substation, DeviceRole.Utility }
            .Where(byRole.ContainsKey)
            .Select(role => byRole[role])
            .Select(s => new TierSummary(s[0].Role, s.Count, s.Min(n => n.Height), s.Max(n => n.Height), s.Sum(n => n.Height), s.Sum(n => n.AnchorsSealed), s.Sum(n => n.LateDeliveries), s.Sum(n => n.LateBlocks)));
        return appliances is null ? [.. anchoring] : [appliances, .. anchoring];
    }

    // The appliance chains, from each appliance grain. Asking each one also waits for the reports
    // their meters pushed one way during the run: a grain answers after the messages queued before.
    private async Task<TierSummary?> SummarizeAppliancesAsync(VirtualFleet fleet, CancellationToken cancellationToken)
    {
        var appliances = fleet.Meters.SelectMany(m => m.Appliances).ToList();
        if (appliances.Count == 0)
        {
            return null;
        }

        var heights = new long[appliances.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, appliances.Count), Options(cancellationToken), async (i, _) =>
            heights[i] = (await _client.GetApplianceStatusAsync(appliances[i].Id).ConfigureAwait(false)).Height).ConfigureAwait(false);
        return new TierSummary(DeviceRole.Appliance, heights.Length, heights.Min(), heights.Max(), heights.Sum(), 0, 0, 0);
    }

    private async Task ResumeFromChainAsync(VirtualMeter meter)
    {
        var head = await _client.GetHeadAsync(meter.Id).ConfigureAwait(false);
        if (head.Height == 0)
        {
            return;
        }

        var last = await _client.Meter(meter.Id).GetBlocksAsync(head.Height - 1, 1).ConfigureAwait(false);
        if (last.IsDefaultOrEmpty)
        {
            throw new InvalidOperationException($"meter {meter.Id}: its last block ({head.Height - 1}) cannot be read back; run `smartgrid audit` on the data folder");
        }

        meter.Resume(last[0]);
    }

    /// <summary>The upload instants after <paramref name="from"/> up to and including <paramref name="until"/>, aligned to the fleet's cadence.</summary>
    public static IReadOnlyList<DateTimeOffset> UploadSlots(FleetSpec spec, DateTimeOffset from, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var slots = new List<DateTimeOffset>();
        var elapsed = (from - spec.Start).Ticks;
        var first = spec.Start + TimeSpan.FromTicks(((elapsed / spec.UploadEvery.Ticks) + 1) * spec.UploadEvery.Ticks);
        for (var slot = first; slot <= until; slot += spec.UploadEvery)
        {
            slots.Add(slot);
        }

        return slots;
    }

    private ParallelOptions Options(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = _concurrency,
        CancellationToken = cancellationToken,
    };
}
