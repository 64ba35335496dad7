using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Pki;

/// <summary>What a registry admits, and whether a device's key may sign in a role at a time.</summary>
public class CertificateRegistryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();

    [Fact]
    public void An_issued_certificate_is_accepted_and_listed_for_its_device()
    {
        var certificate = _pki.Issue(_meter);

        _pki.Registry.Add(certificate).Should().Be(CertificateAdmission.Accepted);

        _pki.Registry.Count.Should().Be(1);
        _pki.Registry.CertificatesOf(_meter.Id).Should().ContainSingle().Which.Should().BeSameAs(certificate);
    }

    [Fact]
    public void The_same_certificate_again_is_already_known_and_changes_nothing()
    {
        var certificate = _pki.Certify(_meter);

        _pki.Registry.Add(certificate).Should().Be(CertificateAdmission.AlreadyKnown);
        _pki.Registry.Add(Decode(certificate)).Should().Be(CertificateAdmission.AlreadyKnown);

        _pki.Registry.Count.Should().Be(1);
    }

    [Fact]
    public void Another_certificate_with_the_same_serial_conflicts_and_the_first_one_stays()
    {
        var first = _pki.Certify(_meter);
        var second = _pki.Issue(_meter, notAfter: TestPki.NotAfter.AddYears(1));

        _pki.Registry.Add(second).Should().Be(CertificateAdmission.Conflict);

        _pki.Registry.CertificatesOf(_meter.Id).Should().ContainSingle().Which.Hash.Should().Be(first.Hash);
    }

    [Fact]
    public void A_certificate_signed_by_another_key_is_refused_and_not_trusted()
    {
        var impostor = new TestPki(TestKeys.Derived("impostor root"));
        var certificate = impostor.Issue(_meter);

        _pki.Registry.Add(certificate).Should().Be(CertificateAdmission.BadIssuerSignature);

        _pki.Registry.Count.Should().Be(0);
        Check().Should().Be(CertificateStatus.UnknownDevice);
    }

    [Fact]
    public void A_certificate_altered_after_signing_is_refused()
    {
        var genuine = _pki.Issue(_meter);
        var altered = DeviceCertificate.Assemble(genuine.Serial, genuine.Subject, DeviceRole.Utility, genuine.SubjectKey, genuine.NotBefore, genuine.NotAfter, genuine.Issuer, genuine.IssuerSignature);

        _pki.Registry.Add(altered).Should().Be(CertificateAdmission.BadIssuerSignature);
    }

    [Fact]
    public void Certificates_of_a_device_are_listed_oldest_serial_first()
    {
        foreach (var serial in new ulong[] { 9, 3, 5 })
        {
            _pki.Certify(new TestMeter(keySerial: serial));
        }

        _pki.Registry.CertificatesOf(_meter.Id).Select(c => c.Serial).Should().Equal(3UL, 5UL, 9UL);
        _pki.Registry.CertificatesOf(DeviceId.Parse("nobody")).Should().BeEmpty();
    }

    [Fact]
    public void A_certified_key_is_valid_inside_its_window_for_its_role()
    {
        var certificate = _pki.Certify(_meter);

        _pki.Registry.Check(_meter.Id, _meter.KeySerial, DeviceRole.Meter, Noon, null, out var found).Should().Be(CertificateStatus.Valid);
        found.Should().BeSameAs(certificate);
    }

    [Fact]
    public void A_device_without_certificates_is_unknown()
    {
        _pki.Certify(_meter);

        _pki.Registry.Check(DeviceId.Parse("meter-0002"), 1, DeviceRole.Meter, Noon, null, out var found).Should().Be(CertificateStatus.UnknownDevice);
        found.Should().BeNull();
    }

    [Fact]
    public void A_serial_the_device_was_not_issued_is_unknown()
    {
        _pki.Certify(_meter);

        _pki.Registry.Check(_meter.Id, _meter.KeySerial + 1, DeviceRole.Meter, Noon, null, out var found).Should().Be(CertificateStatus.UnknownCertificate);
        found.Should().BeNull();
    }

    [Fact]
    public void A_key_certified_for_another_role_is_the_wrong_role()
    {
        _pki.Certify(_meter, DeviceRole.Concentrator);

        Check().Should().Be(CertificateStatus.WrongRole);
        _pki.Registry.Check(_meter.Id, _meter.KeySerial, DeviceRole.Concentrator, Noon, null, out _).Should().Be(CertificateStatus.Valid);
    }

    [Fact]
    public void Signing_before_the_window_is_not_yet_valid_and_at_its_start_is_valid()
    {
        _pki.Certify(_meter);

        Check(TestPki.NotBefore.AddSeconds(-1)).Should().Be(CertificateStatus.NotYetValid);
        Check(TestPki.NotBefore).Should().Be(CertificateStatus.Valid);
    }

    [Fact]
    public void Signing_at_the_end_of_the_window_is_expired_and_just_before_is_valid()
    {
        _pki.Certify(_meter);

        Check(TestPki.NotAfter).Should().Be(CertificateStatus.Expired);
        Check(TestPki.NotAfter.AddTicks(-1)).Should().Be(CertificateStatus.Valid);
    }

    [Fact]
    public void An_expired_certificate_admits_nothing_presented_after_its_end_whatever_time_it_claims()
    {
        _pki.Certify(_meter);
        var backdated = TestPki.NotAfter.AddMinutes(-1);
        var grace = TimeSpan.FromMinutes(5);

        _pki.Registry.Check(_meter.Id, _meter.KeySerial, DeviceRole.Meter, backdated, TestPki.NotAfter.AddYears(3), out _, grace)
            .Should().Be(CertificateStatus.Expired, "a retired key cannot keep appending backdated blocks");
        _pki.Registry.Check(_meter.Id, _meter.KeySerial, DeviceRole.Meter, backdated, TestPki.NotAfter.AddMinutes(4), out _, grace)
            .Should().Be(CertificateStatus.Valid, "within the grace a late upload still lands");
        Check(backdated).Should().Be(CertificateStatus.Valid, "an audit keeps what was signed while the certificate was valid");
    }

    [Fact]
    public void Asking_whether_a_certificate_is_admissible_changes_nothing()
    {
        var certificate = _pki.Issue(_meter);

        _pki.Registry.Admissible(certificate).Should().Be(CertificateAdmission.Accepted);
        _pki.Registry.Admissible(_pki.Root.Revoke(certificate, Noon, RevocationReason.KeyCompromise)).Should().Be(CertificateAdmission.Accepted);

        _pki.Registry.Count.Should().Be(0);
        _pki.Registry.RevocationsOf(_meter.Id).Should().BeEmpty();
    }

    [Fact]
    public void A_revocation_applies_to_signatures_made_from_its_time_on()
    {
        var certificate = _pki.Certify(_meter);
        _pki.Registry.AddRevocation(_pki.Root.Revoke(certificate, Noon, RevocationReason.KeyCompromise)).Should().Be(CertificateAdmission.Accepted);

        Check(Noon.AddSeconds(-1)).Should().Be(CertificateStatus.Valid, "an audit keeps what was signed before the revocation");
        Check(Noon).Should().Be(CertificateStatus.Revoked);
        Check(Noon.AddDays(1)).Should().Be(CertificateStatus.Revoked);
    }

    [Fact]
    public void A_revocation_applies_to_anything_presented_after_it_whatever_time_it_claims()
    {
        var certificate = _pki.Certify(_meter);
        _pki.Registry.AddRevocation(_pki.Root.Revoke(certificate, Noon, RevocationReason.KeyCompromise));

        Check(Noon.AddHours(-1), presentedAt: Noon).Should().Be(CertificateStatus.Revoked, "a stolen key cannot backdate past its revocation");
        Check(Noon.AddHours(-1), presentedAt: Noon.AddSeconds(-1)).Should().Be(CertificateStatus.Valid);
    }

    [Fact]
    public void A_revocation_not_signed_by_the_root_is_refused_and_changes_nothing()
    {
        var certificate = _pki.Certify(_meter);
        var impostor = new CertificateAuthority(_pki.Root.Name, TestKeys.Derived("impostor root"));

        _pki.Registry.AddRevocation(impostor.Revoke(certificate, Noon, RevocationReason.KeyCompromise)).Should().Be(CertificateAdmission.BadIssuerSignature);

        _pki.Registry.RevocationsOf(_meter.Id).Should().BeEmpty();
        Check(Noon.AddDays(1)).Should().Be(CertificateStatus.Valid);
    }

    [Fact]
    public void An_earlier_revocation_supersedes_a_later_one_and_never_the_reverse()
    {
        var certificate = _pki.Certify(_meter);
        var later = _pki.Root.Revoke(certificate, Noon, RevocationReason.CessationOfOperation);
        var earlier = _pki.Root.Revoke(certificate, Noon.AddDays(-1), RevocationReason.KeyCompromise);

        _pki.Registry.AddRevocation(later).Should().Be(CertificateAdmission.Accepted);
        _pki.Registry.AddRevocation(earlier).Should().Be(CertificateAdmission.Accepted);
        _pki.Registry.AddRevocation(later).Should().Be(CertificateAdmission.AlreadyKnown);
        _pki.Registry.AddRevocation(earlier).Should().Be(CertificateAdmission.AlreadyKnown);

        _pki.Registry.RevocationsOf(_meter.Id).Should().ContainSingle().Which.RevokedAt.Should().Be(Noon.AddDays(-1));
        Check(Noon.AddDays(-1).AddSeconds(-1)).Should().Be(CertificateStatus.Valid);
        Check(Noon.AddDays(-1)).Should().Be(CertificateStatus.Revoked);
    }

    [Fact]
    public void A_revocation_may_arrive_before_its_certificate()
    {
        var certificate = _pki.Issue(_meter);

        _pki.Registry.AddRevocation(_pki.Root.Revoke(certificate, Noon, RevocationReason.Superseded)).Should().Be(CertificateAdmission.Accepted);
        _pki.Registry.Add(certificate).Should().Be(CertificateAdmission.Accepted);

        Check(Noon).Should().Be(CertificateStatus.Revoked);
    }

    private static DeviceCertificate Decode(DeviceCertificate certificate) => DeviceCertificate.Decode(certificate.Encoded.Span);

    private CertificateStatus Check(DateTimeOffset? signedAt = null, DateTimeOffset? presentedAt = null) =>
        _pki.Registry.Check(_meter.Id, _meter.KeySerial, DeviceRole.Meter, signedAt ?? Noon, presentedAt, out _);
}
