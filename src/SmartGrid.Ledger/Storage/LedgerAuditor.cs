using System.Collections.Immutable;
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
            var report = await AuditChainAsync(chain, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Audits one meter chain with the certificates stored for its meter.</summary>
    public async Task<ChainReport> AuditChainAsync(ChainId chain, CancellationToken cancellationToken = default)
    {
        var (registry, pkiDefects) = await RegistryLoader.LoadAsync(_pki, _trustAnchor, chain.Node, cancellationToken).ConfigureAwait(false);
        var report = await new ChainVerifier(registry, _maxClockSkew).VerifyAsync(chain.Node, _ledger.ReadAsync(chain, 0, cancellationToken), cancellationToken).ConfigureAwait(false);
        return pkiDefects.Count == 0 ? report : report with { Defects = [.. pkiDefects, .. report.Defects] };
    }
}
