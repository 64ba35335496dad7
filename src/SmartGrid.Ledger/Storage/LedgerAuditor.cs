using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Storage;

/// <summary>
/// Verifies every chain of every tier in a store offline, trusting only the utility root key:
/// each chain from its first block with its own certificates, then every anchor against the chain
/// it anchors, so a block deleted, altered, reordered or re-signed at any tier is located by tier,
/// node and height. Appliance chains are checked against the reports their meters' authentic
/// blocks carry: a stored appliance report that no meter block carries (altered, forged, or its
/// carrying block lost) is reported at the appliance chain and height. Anchor blocks committed by a
/// validator set (<see cref="CommitScheme.CommitCertificate"/>) have their commit evidence checked
/// by the <see cref="ICommitEvidenceVerifier"/> the auditor is given.
/// </summary>
public sealed class LedgerAuditor
{
    // Lower tiers first: an anchor is checked against the stored hashes of the tier below, and an
    // appliance chain against the reports its meter's blocks carry.
    private static readonly DeviceRole[] AuditOrder = [DeviceRole.Meter, DeviceRole.Appliance, DeviceRole.Concentrator, DeviceRole.Substation, DeviceRole.Utility];

    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;
    private readonly PublicKey _trustAnchor;
    private readonly TimeSpan _maxClockSkew;
    private readonly ICommitEvidenceVerifier? _commits;

    /// <summary>
    /// Creates an auditor over a store. Without <paramref name="commits"/>, every anchor block sealed
    /// with <see cref="CommitScheme.CommitCertificate"/> is reported as
    /// <see cref="DefectKind.CommitCertificateUnverifiable"/>: the audit cannot vouch for its commit.
    /// </summary>
    public LedgerAuditor(ILedgerStore ledger, IPkiStore pki, PublicKey trustAnchor, TimeSpan? maxClockSkew = null, ICommitEvidenceVerifier? commits = null)
    {
        _commits = commits;
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _pki = pki ?? throw new ArgumentNullException(nameof(pki));
        _trustAnchor = trustAnchor ?? throw new ArgumentNullException(nameof(trustAnchor));
        _maxClockSkew = maxClockSkew ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>Audits every chain, tier by tier, and every anchor; progress is reported after each chain.</summary>
    public async Task<AuditReport> AuditAsync(IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        long chains = 0, blocks = 0, readings = 0, defects = 0;
        var reports = new Dictionary<ChainId, ChainReport>();
        var order = new List<ChainId>();
        var stored = new Dictionary<ChainId, List<Hash256>>();
        var anchorDefects = new Dictionary<ChainId, List<ChainDefect>>();
        var carried = new Dictionary<DeviceId, Dictionary<ulong, Hash256>>();
        var tiers = new Dictionary<DeviceRole, TierSummary>();
        foreach (var role in AuditOrder)
        {
            var summary = new TierSummary();
            tiers[role] = summary;
            await foreach (var chain in _ledger.ListChainsAsync(role, cancellationToken).ConfigureAwait(false))
            {
                var hashes = new List<Hash256>();
                stored[chain] = hashes;
                void Observe(LedgerEntry entry, ISignedBlock? block, bool authentic)
                {
                    hashes.Add(block?.Hash ?? Hash256.Compute(entry.Bytes.Span));

                    // Anchors of a forged or altered block prove nothing about the tier below.
                    if (authentic && block is AnchorBlock anchorBlock)
                    {
                        summary.Anchors += anchorBlock.Anchors.Length;
                        CheckAnchors(chain, entry.Height, anchorBlock, stored, anchorDefects);
                        CheckCommit(chain, entry.Height, anchorBlock, anchorDefects);
                    }

                    // Nor do the reports of a forged meter block say what an appliance signed.
                    if (authentic && block is MeterBlock { Reports.IsEmpty: false } meterBlock)
                    {
                        summary.Anchors += meterBlock.Reports.Length;
                        Carry(meterBlock, carried);
                    }

                    if (chain.Kind == DeviceRole.Appliance)
                    {
                        CheckCarried(chain, entry, block, carried, anchorDefects);
                    }
                }

                ChainReport report;
                try
                {
                    report = await AuditChainAsync(chain, Observe, cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A chain the store cannot even read is a finding of the audit, not the end of it.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    report = new ChainReport(chain.Node, 0, 0, Hash256.Zero, [new ChainDefect(0, DefectKind.Malformed, $"the store could not be read for this chain: {ex.Message}")]);
                }

                chains++;
                summary.Chains++;
                summary.Blocks += report.BlocksChecked;
                blocks += report.BlocksChecked;
                readings += report.ReadingsChecked;
                reports[chain] = report;
                order.Add(chain);
                defects += report.Defects.Length;
                progress?.Report(new AuditProgress(chains, blocks, defects));
            }
        }

        var defective = ImmutableArray.CreateBuilder<(ChainId, ChainReport)>();
        foreach (var chain in order)
        {
            var report = reports[chain];
            if (anchorDefects.TryGetValue(chain, out var extra))
            {
                report = report with { Defects = [.. report.Defects, .. extra] };
                anchorDefects.Remove(chain);
            }

            if (!report.IsValid)
            {
                defective.Add((chain, report));
            }
        }

        // Anchors naming a chain the store does not hold at all.
        foreach (var (chain, extra) in anchorDefects.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            defective.Add((chain, new ChainReport(chain.Node, 0, 0, Hash256.Zero, [.. extra])));
        }

        return new AuditReport
        {
            Chains = chains,
            Blocks = blocks,
            Readings = readings,
            DefectiveChains = defective.ToImmutable(),
            Tiers = tiers.Where(t => t.Value.Chains > 0).ToImmutableSortedDictionary(t => t.Key, t => new TierAudit(t.Value.Chains, t.Value.Blocks, t.Value.Anchors)),
        };
    }

    /// <summary>
    /// Audits one chain with the certificates stored for its node, and checks that the store holds
    /// as many blocks as its chain directory records (a deleted last block, or an altered
    /// directory, is <see cref="DefectKind.MissingBlocks"/>). Anchors are not followed here.
    /// </summary>
    public Task<ChainReport> AuditChainAsync(ChainId chain, CancellationToken cancellationToken = default) =>
        AuditChainAsync(chain, null, cancellationToken);

    private async Task<ChainReport> AuditChainAsync(ChainId chain, Action<LedgerEntry, ISignedBlock?, bool>? observer, CancellationToken cancellationToken)
    {
        var (registry, pkiDefects) = await RegistryLoader.LoadAsync(_pki, _trustAnchor, chain.Node, cancellationToken).ConfigureAwait(false);
        if (chain.Kind == DeviceRole.Meter)
        {
            // A meter's blocks carry its appliances' reports, checked under the appliances' own
            // certificates; a damaged appliance certificate is the appliance chain's finding.
            var ignored = new List<ChainDefect>();
            foreach (var appliance in await AppliancesCarriedAsync(chain, cancellationToken).ConfigureAwait(false))
            {
                await RegistryLoader.AddAsync(_pki, registry, appliance, ignored, cancellationToken).ConfigureAwait(false);
            }
        }

        var last = new StrongBox<long>(-1);
        var report = await new ChainVerifier(registry, _maxClockSkew).VerifyAsync(chain, Track(_ledger.ReadAsync(chain, 0, cancellationToken), last), observer, cancellationToken).ConfigureAwait(false);
        var recorded = await _ledger.GetHeightAsync(chain, cancellationToken).ConfigureAwait(false);
        var defects = new List<ChainDefect>(pkiDefects);
        defects.AddRange(report.Defects);
        if (recorded != last.Value + 1)
        {
            defects.Add(new ChainDefect(last.Value + 1, DefectKind.MissingBlocks, $"the store records {recorded} blocks for the chain but holds blocks up to height {last.Value}"));
        }

        return defects.Count == report.Defects.Length ? report : report with { Defects = [.. defects] };
    }

    // Every anchor must name a stored block of the tier below with exactly the anchored hash; the
    // defect is reported where the damage is: at the anchored chain's height.
    private static void CheckAnchors(ChainId parent, long height, AnchorBlock block, Dictionary<ChainId, List<Hash256>> stored, Dictionary<ChainId, List<ChainDefect>> defects)
    {
        foreach (var anchor in block.Anchors)
        {
            var child = new ChainId(anchor.ChildRole, anchor.Child);
            var at = anchor.Sequence > long.MaxValue ? long.MaxValue : (long)anchor.Sequence;
            string? problem = null;
            if (!stored.TryGetValue(child, out var hashes) || anchor.Sequence >= (ulong)hashes.Count)
            {
                problem = $"block {anchor.Sequence} ({anchor.Head.ToShortString()}), anchored by {parent} at height {height}, is not in the store";
            }
            else if (hashes[(int)anchor.Sequence] != anchor.Head)
            {
                problem = $"stored block hashes to {hashes[(int)anchor.Sequence].ToShortString()}, but {parent} anchored {anchor.Head.ToShortString()} at its height {height}: altered, re-signed or replaced after it was anchored";
            }

            if (problem is not null)
            {
                AddDefect(defects, child, new ChainDefect(at, DefectKind.AnchoredBlockDiffers, problem));
            }
        }
    }

    // A block committed by a validator set is authentic only with a certificate of that set: the
    // defect is reported at the block's own chain and height.
    private void CheckCommit(ChainId chain, long height, AnchorBlock block, Dictionary<ChainId, List<ChainDefect>> defects)
    {
        if (block.Header.Commit != CommitScheme.CommitCertificate)
        {
            return;
        }

        var defect = _commits is null
            ? new ChainDefect(height, DefectKind.CommitCertificateUnverifiable, "the block was committed by a validator set, and the audit was given no validator sets to check its certificate")
            : _commits.Verify(block, height);
        if (defect is not null)
        {
            AddDefect(defects, chain, defect);
        }
    }

    private static void AddDefect(Dictionary<ChainId, List<ChainDefect>> defects, ChainId chain, ChainDefect defect)
    {
        if (!defects.TryGetValue(chain, out var list))
        {
            defects[chain] = list = [];
        }

        list.Add(defect);
    }

    // The appliances whose reports a meter chain carries. Only version 2 blocks are decoded; a
    // block that does not decode is reported by the verification that follows.
    private async Task<IReadOnlyCollection<DeviceId>> AppliancesCarriedAsync(ChainId chain, CancellationToken cancellationToken)
    {
        var appliances = new HashSet<DeviceId>();
        await foreach (var entry in _ledger.ReadAsync(chain, 0, cancellationToken).ConfigureAwait(false))
        {
            var bytes = entry.Bytes.Span;
            if (bytes.Length < 2 || bytes[1] != MeterBlock.FormatVersionWithAppliances)
            {
                continue;
            }

            try
            {
                foreach (var report in MeterBlock.Decode(bytes).Reports)
                {
                    appliances.Add(report.ApplianceId);
                }
            }
            catch (LedgerFormatException)
            {
                // Reported as Malformed at its height by the verifier.
            }
        }

        return appliances;
    }

    private static void Carry(MeterBlock block, Dictionary<DeviceId, Dictionary<ulong, Hash256>> carried)
    {
        foreach (var report in block.Reports)
        {
            if (!carried.TryGetValue(report.ApplianceId, out var reports))
            {
                carried[report.ApplianceId] = reports = [];
            }

            reports.TryAdd(report.Sequence, report.Hash);
        }
    }

    // Every stored appliance report must be the one an authentic block of its meter carries at that
    // sequence: the appliance chain is a per-appliance copy of what the meter blocks hold.
    private static void CheckCarried(ChainId chain, LedgerEntry entry, ISignedBlock? block, Dictionary<DeviceId, Dictionary<ulong, Hash256>> carried, Dictionary<ChainId, List<ChainDefect>> defects)
    {
        var hash = block?.Hash ?? Hash256.Compute(entry.Bytes.Span);
        var sequence = block?.Sequence ?? (ulong)entry.Height;
        string? problem = null;
        if (!carried.TryGetValue(chain.Node, out var reports) || !reports.TryGetValue(sequence, out var expected))
        {
            problem = $"report {sequence} ({hash.ToShortString()}) is not carried by any authentic block of its household meter";
        }
        else if (expected != hash)
        {
            problem = $"stored report hashes to {hash.ToShortString()}, but the meter block carrying report {sequence} holds {expected.ToShortString()}: altered or replaced";
        }

        if (problem is not null)
        {
            AddDefect(defects, chain, new ChainDefect(entry.Height, DefectKind.AnchoredBlockDiffers, problem));
        }
    }

    private static async IAsyncEnumerable<LedgerEntry> Track(IAsyncEnumerable<LedgerEntry> entries, StrongBox<long> last)
    {
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            last.Value = Math.Max(last.Value, entry.Height);
            yield return entry;
        }
    }

    private sealed class TierSummary
    {
        public long Chains;
        public long Blocks;
        public long Anchors;
    }
}
