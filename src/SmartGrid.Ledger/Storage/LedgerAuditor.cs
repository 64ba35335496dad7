using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Storage;

/// <summary>
/// Verifies every meter chain in a store offline, trusting only the utility root key: each
/// chain from its first block with its own certificates, every defect located by height.
/// </summary>
public sealed class LedgerAuditor
{
    private readonly ILedgerStore _ledger;
    private readonly IPkiStore _pki;
    private readonly PublicKey _trustAnchor;
    private readonly TimeSpan _maxClockSkew;

    /// <summary>Creates an auditor over a store.</summary>
    public LedgerAuditor(ILedgerStore ledger, IPkiStore pki, PublicKey trustAnchor, TimeSpan? maxClockSkew = null)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _pki = pki ?? throw new ArgumentNullException(nameof(pki));
        _trustAnchor = trustAnchor ?? throw new ArgumentNullException(nameof(trustAnchor));
        _maxClockSkew = maxClockSkew ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>Audits every meter chain; progress is reported after each chain.</summary>
    public async Task<AuditReport> AuditAsync(IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        long chains = 0, blocks = 0, readings = 0, defects = 0;
        var defective = ImmutableArray.CreateBuilder<(ChainId, ChainReport)>();
        await foreach (var chain in _ledger.ListChainsAsync(DeviceRole.Meter, cancellationToken).ConfigureAwait(false))
        {
            ChainReport report;
            try
            {
                report = await AuditChainAsync(chain, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A chain the store cannot even read is a finding of the audit, not the end of it.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                report = new ChainReport(chain.Node, 0, 0, Hashing.Hash256.Zero, [new ChainDefect(0, DefectKind.Malformed, $"the store could not be read for this chain: {ex.Message}")]);
            }

            chains++;
            blocks += report.BlocksChecked;
            readings += report.ReadingsChecked;
            if (!report.IsValid)
            {
                defects += report.Defects.Length;
                defective.Add((chain, report));
            }

            progress?.Report(new AuditProgress(chains, blocks, defects));
        }

        return new AuditReport { Chains = chains, Blocks = blocks, Readings = readings, DefectiveChains = defective.ToImmutable() };
    }

    /// <summary>
    /// Audits one meter chain with the certificates stored for its meter, and checks that the
    /// store holds as many blocks as its chain directory records (a deleted last block, or an
    /// altered directory, is <see cref="DefectKind.MissingBlocks"/>).
    /// </summary>
    public async Task<ChainReport> AuditChainAsync(ChainId chain, CancellationToken cancellationToken = default)
    {
        var (registry, pkiDefects) = await RegistryLoader.LoadAsync(_pki, _trustAnchor, chain.Node, cancellationToken).ConfigureAwait(false);
        var last = new StrongBox<long>(-1);
        var report = await new ChainVerifier(registry, _maxClockSkew).VerifyAsync(chain.Node, Track(_ledger.ReadAsync(chain, 0, cancellationToken), last), cancellationToken).ConfigureAwait(false);
        var recorded = await _ledger.GetHeightAsync(chain, cancellationToken).ConfigureAwait(false);
        var defects = new List<ChainDefect>(pkiDefects);
        defects.AddRange(report.Defects);
        if (recorded != last.Value + 1)
        {
            defects.Add(new ChainDefect(last.Value + 1, DefectKind.MissingBlocks, $"the store records {recorded} blocks for the chain but holds blocks up to height {last.Value}"));
        }

        return defects.Count == report.Defects.Length ? report : report with { Defects = [.. defects] };
    }

    private static async IAsyncEnumerable<LedgerEntry> Track(IAsyncEnumerable<LedgerEntry> entries, StrongBox<long> last)
    {
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            last.Value = Math.Max(last.Value, entry.Height);
            yield return entry;
        }
    }
}
