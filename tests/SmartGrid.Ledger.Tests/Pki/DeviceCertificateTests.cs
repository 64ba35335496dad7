using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Pki;

/// <summary>Device certificates and revocations: issued by the root, decoded strictly, broken by any change.</summary>
public class DeviceCertificateTests
{
    // Offsets in the pinned certificate: 0x11 01 | serial 2..9 | subject len 10, "MTR-0001" 11..18 |
    // role 19 | key 20..51 | not before 52..59 | not after 60..67 | issuer 68.. | signature (last 64).
    private const int RoleOffset = 19;
    private const int KeyOffset = 20;
    private const int NotAfterOffset = 60;

    private static readonly byte[] Valid = PinnedRecords.Certificate.Encoded.ToArray();

    [Fact]
    public void A_certificate_decodes_to_what_was_issued()
    {
        var issued = PinnedRecords.Certificate;

        var decoded = DeviceCertificate.Decode(Valid);

        decoded.Hash.Should().Be(issued.Hash);
        decoded.Serial.Should().Be(issued.Serial);
        decoded.Subject.Should().Be(issued.Subject);
        decoded.Role.Should().Be(issued.Role);
        decoded.SubjectKey.Should().Be(issued.SubjectKey);
        decoded.NotBefore.Should().Be(issued.NotBefore);
        decoded.NotAfter.Should().Be(issued.NotAfter);
        decoded.Issuer.Should().Be(issued.Issuer);
        decoded.IssuerSignature.Should().Be(issued.IssuerSignature);
    }

    [Fact]
    public void Without_a_serial_the_root_derives_one_so_issuing_twice_gives_the_same_bytes()
    {
        var root = PinnedRecords.Root;
        var from = PinnedRecords.NewYear;

        var first = root.Issue(PinnedRecords.MeterId, DeviceRole.Meter, TestKeys.Meter.PublicKey, from, from.AddYears(1));
        var second = root.Issue(PinnedRecords.MeterId, DeviceRole.Meter, TestKeys.Meter.PublicKey, from, from.AddYears(1));
        var otherKey = root.Issue(PinnedRecords.MeterId, DeviceRole.Meter, TestKeys.Root.PublicKey, from, from.AddYears(1));

        second.Encoded.ToArray().Should().Equal(first.Encoded.ToArray());
        first.Serial.Should().BeLessThanOrEqualTo(long.MaxValue);
        otherKey.Serial.Should().NotBe(first.Serial);
    }

    [Fact]
    public void Validity_is_whole_seconds_from_not_before_inclusive_to_not_after_exclusive()
    {
        var from = PinnedRecords.NewYear.AddMilliseconds(999);
        var certificate = PinnedRecords.Root.Issue(PinnedRecords.MeterId, DeviceRole.Meter, TestKeys.Meter.PublicKey, from, from.AddDays(1), 1);

        certificate.NotBefore.Should().Be(PinnedRecords.NewYear);
        certificate.NotAfter.Should().Be(PinnedRecords.NewYear.AddDays(1));
        certificate.IsValidAt(PinnedRecords.NewYear.AddTicks(-1)).Should().BeFalse();
        certificate.IsValidAt(PinnedRecords.NewYear).Should().BeTrue();
        certificate.IsValidAt(certificate.NotAfter.AddTicks(-1)).Should().BeTrue();
        certificate.IsValidAt(certificate.NotAfter).Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_root_refuses_an_empty_validity_window(int days)
    {
        FluentActions.Invoking(() => PinnedRecords.Root.Issue(PinnedRecords.MeterId, DeviceRole.Meter, TestKeys.Meter.PublicKey, PinnedRecords.NewYear, PinnedRecords.NewYear.AddDays(days)))
            .Should().ThrowExactly<ArgumentException>().WithMessage("validity * is empty or before 1970");
    }

    [Fact]
    public void The_root_refuses_an_unknown_role_and_an_empty_subject()
    {
        var from = PinnedRecords.NewYear;

        FluentActions.Invoking(() => PinnedRecords.Root.Issue(PinnedRecords.MeterId, (DeviceRole)9, TestKeys.Meter.PublicKey, from, from.AddDays(1)))
            .Should().ThrowExactly<ArgumentException>().WithMessage("unknown device role 9*");
        FluentActions.Invoking(() => PinnedRecords.Root.Issue(default, DeviceRole.Meter, TestKeys.Meter.PublicKey, from, from.AddDays(1)))
            .Should().ThrowExactly<ArgumentException>().WithMessage("a certificate needs a subject and an issuer");
        FluentActions.Invoking(() => new CertificateAuthority(default, TestKeys.Root)).Should().ThrowExactly<ArgumentException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(255)]
    public void An_unknown_role_byte_is_a_format_error(byte role)
    {
        var bytes = (byte[])Valid.Clone();
        bytes[RoleOffset] = role;

        FluentActions.Invoking(() => DeviceCertificate.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage($"unknown device role {role} (at byte 19)");
    }

    [Fact]
    public void A_subject_key_that_is_not_a_curve_point_is_a_format_error()
    {
        var bytes = (byte[])Valid.Clone();
        bytes.AsSpan(KeyOffset, 32).Clear();
        bytes[KeyOffset] = 2; // y = 2 has no x on Ed25519

        FluentActions.Invoking(() => DeviceCertificate.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("the subject key is not a valid Ed25519 public key (at byte 20)");
    }

    [Fact]
    public void A_window_that_ends_when_it_starts_is_a_format_error()
    {
        var bytes = (byte[])Valid.Clone();
        bytes.AsSpan(NotAfterOffset - 8, 8).CopyTo(bytes.AsSpan(NotAfterOffset, 8));

        FluentActions.Invoking(() => DeviceCertificate.Decode(bytes))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("the validity window ends before it starts*");
    }

    [Fact]
    public void Every_truncation_and_a_trailing_byte_are_format_errors()
    {
        foreach (var prefix in Mutations.Truncations(Valid))
        {
            FluentActions.Invoking(() => DeviceCertificate.Decode(prefix)).Should().ThrowExactly<LedgerFormatException>();
        }

        FluentActions.Invoking(() => DeviceCertificate.Decode([.. Valid, 0]))
            .Should().ThrowExactly<LedgerFormatException>().WithMessage("1 trailing bytes after device certificate*");
    }

    [Fact]
    public void Every_single_byte_change_to_a_certificate_is_a_format_error_or_breaks_the_issuer_signature()
    {
        var root = PinnedRecords.Root.PublicKey;

        Mutations.UndetectedSingleByteChanges(Valid, 0xFF, bytes => DeviceCertificate.Decode(bytes).VerifyIssuerSignature(root))
            .Should().BeEmpty();
    }

    [Fact]
    public void Every_single_byte_change_to_a_revocation_is_a_format_error_or_breaks_the_issuer_signature()
    {
        var root = PinnedRecords.Root.PublicKey;
        var valid = PinnedRecords.Revocation.Encoded.ToArray();

        Mutations.UndetectedSingleByteChanges(valid, 0xFF, bytes => CertificateRevocation.Decode(bytes).VerifyIssuerSignature(root))
            .Should().BeEmpty();
        foreach (var prefix in Mutations.Truncations(valid))
        {
            FluentActions.Invoking(() => CertificateRevocation.Decode(prefix)).Should().ThrowExactly<LedgerFormatException>();
        }

        FluentActions.Invoking(() => CertificateRevocation.Decode([.. valid, 0])).Should().ThrowExactly<LedgerFormatException>();
    }

    [Fact]
    public void A_certificate_reassembled_around_another_key_keeps_the_old_signature_and_fails_it()
    {
        var genuine = PinnedRecords.Certificate;
        var attacker = TestKeys.Derived("attacker");

        var forged = DeviceCertificate.Assemble(genuine.Serial, genuine.Subject, genuine.Role, attacker.PublicKey, genuine.NotBefore, genuine.NotAfter, genuine.Issuer, genuine.IssuerSignature);

        forged.IssuerSignature.Should().Be(genuine.IssuerSignature);
        forged.VerifyIssuerSignature(PinnedRecords.Root.PublicKey).Should().BeFalse();
        genuine.VerifyIssuerSignature(PinnedRecords.Root.PublicKey).Should().BeTrue();
    }

    [Fact]
    public void A_signature_once_verified_under_the_root_is_still_checked_under_any_other_key()
    {
        var certificate = DeviceCertificate.Decode(PinnedRecords.Certificate.Encoded.Span);
        var other = TestKeys.Derived("another-root");

        certificate.VerifyIssuerSignature(PinnedRecords.Root.PublicKey).Should().BeTrue();
        certificate.VerifyIssuerSignature(other.PublicKey).Should().BeFalse("the remembered success belongs to the root's key alone");
        certificate.VerifyIssuerSignature(PublicKey.FromBytes(PinnedRecords.Root.PublicKey.Span)).Should().BeTrue("an equal key is the same key");
        certificate.VerifyIssuerSignature(other.PublicKey).Should().BeFalse();
    }

    [Fact]
    public void Describes_itself_for_logs()
    {
        PinnedRecords.Certificate.ToString().Should().Be("certificate #42 Meter MTR-0001 [2025-01-01, 2035-01-01) by utility-root");
        PinnedRecords.Revocation.ToString().Should().Be("revocation of MTR-0001 #42 from 2026-06-01T00:00:00.0000000+00:00 (KeyCompromise)");
    }
}
