using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Storage;

/// <summary>
/// The offline audit end to end: blocks appended to a store, the registry loaded from the same
/// store under the root's key alone, the chain read back and verified.
/// </summary>
public class StoredChainAuditTests
{
    private const int Length = 10;

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly InMemoryLedgerStore _store = new();
    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly ChainId _chain;
    private readonly IReadOnlyList<MeterBlock> _blocks;

    public StoredChainAuditTests()
    {
        _chain = ChainId.Meter(_meter.Id);
        _blocks = _meter.NextBlocks(Length);
    }

    [Fact]
    public async Task An_honestly_stored_chain_passes_the_audit()
    {
        await StoreAsync(_pki.Issue(_meter));

        var (report, pkiDefects) = await AuditAsync();

        pkiDefects.Should().BeEmpty();
        report.IsValid.Should().BeTrue();
        report.BlocksChecked.Should().Be(Length);
        report.Head.Should().Be(_meter.Head.Hash);
    }

    [Fact]
    public async Task A_block_overwritten_in_the_store_is_found_at_its_height_and_the_next()
    {
        await StoreAsync(_pki.Issue(_meter));
        _store.Overwrite(_chain, 4, Tamper.WithChangedValue(_blocks[4], reading: 1, delta: -300).ToArray());
        var (report, _) = await AuditAsync();

        report.Defects.Select(d => (d.Height, d.Kind)).Should().Equal((4L, DefectKind.BadSignature), (5L, DefectKind.BrokenLink));
    }

    [Fact]
    public async Task A_stored_revocation_is_applied_from_its_time()
    {
        var certificate = _pki.Issue(_meter);
        await StoreAsync(certificate);
        await _store.PutRevocationAsync(_pki.Root.Revoke(certificate, _blocks[8].Timestamp, RevocationReason.KeyCompromise));

        var (report, _) = await AuditAsync();

        report.Defects.Select(d => (d.Height, d.Kind)).Should().Equal((8L, DefectKind.CertificateRevoked), (9L, DefectKind.CertificateRevoked));
    }

    [Fact]
    public async Task A_stored_certificate_rebound_to_another_key_is_a_defect_and_leaves_the_chain_unverifiable()
    {
        var genuine = _pki.Issue(_meter);
        await StoreAsync(genuine);
        var attacker = TestKeys.Derived("attacker");
        var rebound = DeviceCertificate.Assemble(genuine.Serial, genuine.Subject, genuine.Role, attacker.PublicKey, genuine.NotBefore, genuine.NotAfter, genuine.Issuer, genuine.IssuerSignature);

        var put = async () => await _store.PutCertificateAsync(rebound);
        await put.Should().ThrowAsync<LedgerConflictException>("a stored certificate is never overwritten through the store");
        _store.OverwriteCertificate(genuine.Subject, genuine.Serial, rebound.Encoded.ToArray()); // behind the store's back
        var (report, pkiDefects) = await AuditAsync();

        pkiDefects.Should().ContainSingle().Which.ShouldBe(-1, DefectKind.BadIssuerSignature);
        report.Defects.Should().HaveCount(Length).And.OnlyContain(d => d.Kind == DefectKind.UnknownDevice);
        report.Defects.Select(d => d.Height).Should().Equal(Enumerable.Range(0, Length).Select(h => (long)h));
    }

    private async Task StoreAsync(DeviceCertificate certificate)
    {
        await _store.PutCertificateAsync(certificate);
        for (var height = 0; height < Length; height++)
        {
            await _store.AppendAsync(_chain, height, _blocks[height].Encoded);
        }
    }

    private async Task<(ChainReport Report, IReadOnlyList<ChainDefect> PkiDefects)> AuditAsync()
    {
        var (registry, pkiDefects) = await RegistryLoader.LoadAsync(_store, _pki.Root.PublicKey, _meter.Id);
        var report = await new ChainVerifier(registry, Skew).VerifyAsync(_meter.Id, _store.ReadAsync(_chain));
        return (report, pkiDefects);
    }
}
