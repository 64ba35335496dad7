using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Storage;

/// <summary>Loading what a PKI store holds: what verifies is trusted, everything else is a defect at height -1.</summary>
public class RegistryLoaderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly RawPkiStore _store = new();

    [Fact]
    public async Task Certificates_and_revocations_that_verify_are_loaded_without_defects()
    {
        var certificate = _pki.Issue(_meter);
        await _store.PutCertificateAsync(certificate);
        await _store.PutRevocationAsync(_pki.Root.Revoke(certificate, Noon, RevocationReason.Superseded));

        var (registry, defects) = await RegistryLoader.LoadAsync(_store, _pki.Root.PublicKey);

        defects.Should().BeEmpty();
        registry.CertificatesOf(_meter.Id).Should().ContainSingle().Which.Hash.Should().Be(certificate.Hash);
        registry.Check(_meter.Id, 1, DeviceRole.Meter, Noon, null, out _).Should().Be(CertificateStatus.Revoked);
    }

    [Fact]
    public async Task A_certificate_under_another_root_is_left_out_and_reported()
    {
        await _store.PutCertificateAsync(new TestPki(TestKeys.Derived("impostor root")).Issue(_meter));

        var (registry, defects) = await RegistryLoader.LoadAsync(_store, _pki.Root.PublicKey);

        registry.Count.Should().Be(0);
        defects.Should().ContainSingle().Which.ShouldBe(-1, DefectKind.BadIssuerSignature, "certificate #1 Meter meter-0001 *: not signed by the trusted utility root");
    }

    [Fact]
    public async Task A_second_certificate_with_a_known_serial_is_left_out_and_reported_as_a_conflict()
    {
        var first = _pki.Issue(_meter);
        await _store.PutCertificateAsync(first);
        await _store.PutCertificateAsync(_pki.Issue(_meter, notAfter: TestPki.NotAfter.AddYears(1)));

        var (registry, defects) = await RegistryLoader.LoadAsync(_store, _pki.Root.PublicKey);

        registry.CertificatesOf(_meter.Id).Should().ContainSingle().Which.Hash.Should().Be(first.Hash);
        defects.Should().ContainSingle().Which.ShouldBe(-1, DefectKind.CertificateConflict, "*same serial*");
    }

    [Fact]
    public async Task A_revocation_under_another_root_is_left_out_and_reported()
    {
        var certificate = _pki.Issue(_meter);
        await _store.PutCertificateAsync(certificate);
        await _store.PutRevocationAsync(new CertificateAuthority(_pki.Root.Name, TestKeys.Derived("impostor root")).Revoke(certificate, Noon, RevocationReason.KeyCompromise));

        var (registry, defects) = await RegistryLoader.LoadAsync(_store, _pki.Root.PublicKey);

        defects.Should().ContainSingle().Which.ShouldBe(-1, DefectKind.BadIssuerSignature, "revocation of meter-0001 #1 *: bad issuer signature");
        registry.Check(_meter.Id, 1, DeviceRole.Meter, Noon, null, out _).Should().Be(CertificateStatus.Valid);
    }

    [Fact]
    public async Task Records_that_do_not_decode_are_reported_as_malformed()
    {
        var certificate = _pki.Issue(_meter);
        _store.Certificates.Add(certificate.Encoded[..^1].ToArray());
        _store.Revocations.Add([0x12, 0x01, 0xFF]);

        var (registry, defects) = await RegistryLoader.LoadAsync(_store, _pki.Root.PublicKey);

        registry.Count.Should().Be(0);
        defects.Select(d => (d.Height, d.Kind)).Should().Equal((-1L, DefectKind.Malformed), (-1L, DefectKind.Malformed));
        defects[0].Message.Should().StartWith("stored certificate: truncated");
        defects[1].Message.Should().StartWith("stored revocation: ");
    }

    [Fact]
    public async Task Only_the_named_device_is_loaded()
    {
        var store = new InMemoryLedgerStore();
        var other = new TestMeter("meter-0002");
        await store.PutCertificateAsync(_pki.Issue(_meter));
        await store.PutCertificateAsync(_pki.Issue(other));

        var (registry, defects) = await RegistryLoader.LoadAsync(store, _pki.Root.PublicKey, other.Id);

        defects.Should().BeEmpty();
        registry.Count.Should().Be(1);
        registry.CertificatesOf(other.Id).Should().ContainSingle();
    }
}
