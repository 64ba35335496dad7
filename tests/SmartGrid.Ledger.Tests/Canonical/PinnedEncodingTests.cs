using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Canonical;

/// <summary>
/// The canonical bytes of known records, pinned so that the signed and hashed format cannot drift
/// (DESIGN.md §2). Each hex literal is split by field as documented on the record type; the values
/// were produced once by the code, then decoded by hand against that documentation, and the
/// signatures checked with OpenSSL (<c>openssl pkeyutl -verify -rawin</c>) under the RFC 8032 keys.
/// Changing any of them is a format change: bump the record's version instead.
/// </summary>
public class PinnedEncodingTests
{
    // The six channels (LoadProfile encoding): count u8, then per channel OBIS A B C D E F, DLMS unit u8, scaler i8.
    private const string SixChannelsHex =
        "06" +                 // 6 channels
        "0100010800ff" + "1e" + "00" + // 1-0:1.8.0*255, Wh (30), 10^0
        "0100020800ff" + "1e" + "00" + // 1-0:2.8.0*255, Wh (30), 10^0
        "0100200700ff" + "23" + "ff" + // 1-0:32.7.0*255, V (35), 10^-1
        "01001f0700ff" + "21" + "fe" + // 1-0:31.7.0*255, A (33), 10^-2
        "01000e0700ff" + "2c" + "fe" + // 1-0:14.7.0*255, Hz (44), 10^-2
        "01000d0700ff" + "ff" + "fd";  // 1-0:13.7.0*255, count (255), 10^-3

    private const string ReadingHex =
        "14" + "01" +           // record type 0x14 IntervalReading, version 1
        SixChannelsHex +
        "01" +                  // reading count 1 (LEB128)
        "0489746700000000" +    // start: unix seconds i64 LE 1735690500 = 2025-01-01T00:15:00Z
        "8407" +                // duration 900 s (LEB128)
        "00" +                  // status: none
        "84dc9601" +            // values, absolute, zig-zag LEB128: 1234690 Wh
        "00" +                  //   0 Wh
        "f423" +                //   2298 (229.8 V)
        "e407" +                //   498 (4.98 A)
        "8c4e" +                //   4998 (49.98 Hz)
        "9e0f";                 //   975 (0.975)

    private const string BlockHex =
        "10" + "01" +                           // record type 0x10 MeterBlock, version 1
        "08" + "4d54522d30303031" +             // meter id: length 8, ASCII "MTR-0001"
        "0700000000000000" +                    // sequence u64 LE 7
        "2a00000000000000" +                    // key serial u64 LE 42
        "000102030405060708090a0b0c0d0e0f" +    // previous hash (32 bytes 0x00..0x1f)
        "101112131415161718191a1b1c1d1e1f" +
        "0a25531f94010000" +                    // timestamp: unix ms i64 LE 1735692330250 = 2025-01-01T00:45:30.250Z
        SixChannelsHex +                        // load profile: channels,
        "03" +                                  //   reading count 3,
        "8085746700000000" +                    //   first start 1735689600 = 2025-01-01T00:00:00Z;
        "8407" + "00" +                         //   r0: 900 s, status none,
        "8eda9601" + "00" + "fa23" + "9608" + "904e" + "a80f" + //  absolute 1234567, 0, 2301, 523, 5000, 980
        "00" + "8407" + "00" +                  //   r1: gap 0, 900 s, status none,
        "f601" + "00" + "05" + "31" + "03" + "09" + //  deltas +123, 0, -3, -25, -2, -5
        "00" + "8407" + "20" +                  //   r2: gap 0, 900 s, status 0x20 clock adjusted,
        "16" + "18" + "18" + "8408" + "06" + "32" + //  deltas +11, +12, +12, +514, +3, +25
        "a87b307fb718df6e14d93ee209f4083e" +    // Ed25519 signature (64) over every byte above,
        "4218f474b8ec6c3af15e96b0a52c54ec" +    // by the RFC 8032 TEST 1 key
        "19ebb2b0a6725a1af9fd952631aa51a8" +
        "47d150e898166db837436cb995d9960d";

    // The version 1 block between its header (2 bytes) and its signature (64 bytes).
    private const string BlockV1Body =
        "08" + "4d54522d30303031" + "0700000000000000" + "2a00000000000000" +
        "000102030405060708090a0b0c0d0e0f" + "101112131415161718191a1b1c1d1e1f" + "0a25531f94010000" +
        SixChannelsHex + "03" + "8085746700000000" +
        "8407" + "00" + "8eda9601" + "00" + "fa23" + "9608" + "904e" + "a80f" +
        "00" + "8407" + "00" + "f601" + "00" + "05" + "31" + "03" + "09" +
        "00" + "8407" + "20" + "16" + "18" + "18" + "8408" + "06" + "32";

    private const string BlockHashHex = "3ede595d6994167ed333a73408bc473b02bce75f502152a397fca121b2a8986a";

    private const string ReportHex =
        "17" + "01" +                           // record type 0x17 ApplianceReport, version 1
        "08" + "41504c2d30303031" +             // appliance id: length 8, ASCII "APL-0001"
        "08" + "4d54522d30303031" +             // household meter id: length 8, "MTR-0001"
        "0300000000000000" +                    // sequence u64 LE 3
        "0500000000000000" +                    // key serial u64 LE 5
        "202122232425262728292a2b2c2d2e2f" +    // previous report hash (32 bytes 0x20..0x3f)
        "303132333435363738393a3b3c3d3e3f" +
        "007c291f94010000" +                    // start: unix ms i64 LE 1735689600000 = 2025-01-01T00:00:00Z
        "e0ae521f94010000" +                    // end: unix ms i64 LE 1735692300000 = 2025-01-01T00:45:00Z
        "e807" +                                // energy: 1000 Wh (LEB128)
        "9df73bd586e1cced7ff6efd5cec1059f" +    // Ed25519 signature (64) over every byte above,
        "1c1b5e0ba51f4467bb7f928fa4bb0110" +    // by the RFC 8032 TEST 2 key
        "bfffec12d02631e85fd6476afded4cef" +
        "6ecb0063e4fc6143c346028c349d5605";

    private const string ReportHashHex = "0b756d1cd184f279cbf43bdf55fd0379d11ebe3965dffe536c398277a0f0dd99";

    // Version 2 is the version 1 layout with the appliance section before the signature.
    private const string BlockWithReportHex =
        "10" + "02" +                           // record type 0x10 MeterBlock, version 2
        BlockV1Body +                           // meter id .. load profile, exactly as in the version 1 block
        "01" +                                  // appliance section: 1 report (LEB128),
        "9601" + ReportHex +                    //   length 150 (LEB128), the report's canonical bytes
        "134f394491c190e67a0cb331accb712c" +    // Ed25519 signature (64) over every byte above,
        "0da2acb4de7d8ac14fc6a35670d1c290" +    // by the RFC 8032 TEST 1 key
        "85de7cde6e43dfe208110e507bf98afd" +
        "2be77a32b11d0f70dfeb189419262908";

    private const string BlockWithReportHashHex = "338a6710b07a73a42cdb5809eb770e6333a74727874fea3953ac934584d6dcd1";

    private const string CertificateHex =
        "11" + "01" +                           // record type 0x11 DeviceCertificate, version 1
        "2a00000000000000" +                    // serial u64 LE 42
        "08" + "4d54522d30303031" +             // subject: length 8, "MTR-0001"
        "01" +                                  // role: Meter
        "d75a980182b10ab7d54bfed3c964073a" +    // subject key: RFC 8032 TEST 1 public key
        "0ee172f3daa62325af021a68f707511a" +
        "8085746700000000" +                    // not before: unix s 1735689600 = 2025-01-01T00:00:00Z
        "802b437a00000000" +                    // not after: unix s 2051222400 = 2035-01-01T00:00:00Z
        "0c" + "7574696c6974792d726f6f74" +     // issuer: length 12, "utility-root"
        "9c48e7ce4f27d8c969406fdfd82e4cb7" +    // Ed25519 signature by the RFC 8032 TEST 2 key
        "92052d35742098bdc0cdc5cd00c9ec67" +
        "d59ec4dc7adbcf43af9a5ceff9c45836" +
        "8cec915c107de3c5d91256661e8a4d05";

    private const string CertificateHashHex = "eb150ba936bd75955a3d2bc3e15837e2c04e315b846b9f4cf72b91ac41e32376";

    private const string RevocationHex =
        "12" + "01" +                           // record type 0x12 CertificateRevocation, version 1
        "08" + "4d54522d30303031" +             // subject "MTR-0001"
        "2a00000000000000" +                    // serial 42
        "80cb1c6a00000000" +                    // revoked at: unix s 1780272000 = 2026-06-01T00:00:00Z
        "01" +                                  // reason: key compromise (RFC 5280 value 1)
        "0c" + "7574696c6974792d726f6f74" +     // issuer "utility-root"
        "e6f6ecfd0e69a922ffd1b4c7af3b5047" +    // Ed25519 signature by the RFC 8032 TEST 2 key
        "36d8f82306be4a20b75dad7cc323e96b" +
        "7d09986d9fde90c687a363b2702709eb" +
        "566ce5d3c4dede0cf6a5b9d2e7895a09";

    [Fact]
    public void Interval_reading_record_has_the_pinned_bytes()
    {
        Hex(PinnedRecords.Profile.EncodeReading(1)).Should().Be(ReadingHex);
    }

    [Fact]
    public void Pinned_interval_reading_decodes_to_the_second_reading_with_absolute_values()
    {
        var decoded = LoadProfile.DecodeReading(Convert.FromHexString(ReadingHex));

        decoded.Should().Be(PinnedRecords.Profile.Slice(1));
        decoded.Readings.Should().ContainSingle().Which.Values.Should().Equal(1234690, 0, 2298, 498, 4998, 975);
        decoded.Value(0, Obis.VoltageL1).Should().BeApproximately(229.8, 1e-9);
    }

    [Fact]
    public void Meter_block_has_the_pinned_bytes_and_hash()
    {
        var block = PinnedRecords.Block;

        Hex(block.Encoded.Span).Should().Be(BlockHex);
        block.Hash.ToString().Should().Be(BlockHashHex);
        block.Hash.Should().Be(Hash256.Compute(Convert.FromHexString(BlockHex)));
    }

    [Fact]
    public void Pinned_meter_block_decodes_to_its_fields_and_verifies_under_the_rfc8032_test1_key()
    {
        var block = MeterBlock.Decode(Convert.FromHexString(BlockHex));

        block.MeterId.Should().Be(PinnedRecords.MeterId);
        block.Sequence.Should().Be(7);
        block.KeySerial.Should().Be(42);
        block.Previous.Should().Be(PinnedRecords.Previous);
        block.Timestamp.Should().Be(PinnedRecords.Sealed);
        block.Profile.Should().Be(PinnedRecords.Profile);
        block.Hash.ToString().Should().Be(BlockHashHex);
        block.VerifySignature(PublicKey.Parse(TestKeys.Rfc8032Test1Public)).Should().BeTrue();
        Hex(block.SignedBytes).Should().Be(BlockHex[..^(2 * Signature.Size)]);
    }

    [Fact]
    public void The_version_1_body_is_the_pinned_version_1_block_between_header_and_signature()
    {
        BlockHex.Should().Be("10" + "01" + BlockV1Body + BlockHex[^(2 * Signature.Size)..]);
    }

    [Fact]
    public void Appliance_report_has_the_pinned_bytes_and_hash()
    {
        var report = PinnedRecords.Report;

        Hex(report.Encoded.Span).Should().Be(ReportHex);
        report.Hash.ToString().Should().Be(ReportHashHex);
    }

    [Fact]
    public void Pinned_appliance_report_decodes_to_its_fields_and_verifies_under_the_rfc8032_test2_key()
    {
        var report = ApplianceReport.Decode(Convert.FromHexString(ReportHex));

        report.ApplianceId.Should().Be(PinnedRecords.ApplianceId);
        report.Household.Should().Be(PinnedRecords.MeterId);
        report.Sequence.Should().Be(3);
        report.KeySerial.Should().Be(5);
        report.Start.Should().Be(PinnedRecords.NewYear);
        report.End.Should().Be(PinnedRecords.NewYear.AddMinutes(45));
        report.Timestamp.Should().Be(report.End);
        report.EnergyWh.Should().Be(1000);
        report.MeanPowerW.Should().BeApproximately(1333.333, 0.001);
        report.VerifySignature(PublicKey.Parse(TestKeys.Rfc8032Test2Public)).Should().BeTrue();
        report.VerifySignature(PublicKey.Parse(TestKeys.Rfc8032Test1Public)).Should().BeFalse();
    }

    [Fact]
    public void Meter_block_with_an_appliance_report_has_the_pinned_version_2_bytes_and_hash()
    {
        var block = PinnedRecords.BlockWithReport;

        Hex(block.Encoded.Span).Should().Be(BlockWithReportHex);
        block.Hash.ToString().Should().Be(BlockWithReportHashHex);
    }

    [Fact]
    public void Pinned_version_2_block_decodes_to_the_version_1_fields_plus_the_report_and_verifies()
    {
        var block = MeterBlock.Decode(Convert.FromHexString(BlockWithReportHex));

        block.Version.Should().Be(2);
        block.MeterId.Should().Be(PinnedRecords.MeterId);
        block.Sequence.Should().Be(7);
        block.Profile.Should().Be(PinnedRecords.Profile);
        block.Reports.Should().ContainSingle().Which.Hash.ToString().Should().Be(ReportHashHex);
        block.VerifySignature(PublicKey.Parse(TestKeys.Rfc8032Test1Public)).Should().BeTrue();
        Hex(block.SignedBytes).Should().Be(BlockWithReportHex[..^(2 * Signature.Size)]);
    }

    [Fact]
    public void Pinned_version_1_block_still_decodes_as_version_1_with_no_reports()
    {
        var block = MeterBlock.Decode(Convert.FromHexString(BlockHex));

        block.Version.Should().Be(1);
        block.Reports.Should().BeEmpty();
        Hex(block.Encoded.Span).Should().Be(BlockHex);
    }

    [Fact]
    public void Device_certificate_has_the_pinned_bytes_and_hash()
    {
        var certificate = PinnedRecords.Certificate;

        Hex(certificate.Encoded.Span).Should().Be(CertificateHex);
        certificate.Hash.ToString().Should().Be(CertificateHashHex);
    }

    [Fact]
    public void Pinned_certificate_decodes_to_its_fields_and_verifies_under_the_rfc8032_test2_key()
    {
        var certificate = DeviceCertificate.Decode(Convert.FromHexString(CertificateHex));

        certificate.Serial.Should().Be(42);
        certificate.Subject.Should().Be(PinnedRecords.MeterId);
        certificate.Role.Should().Be(DeviceRole.Meter);
        certificate.SubjectKey.ToString().Should().Be(TestKeys.Rfc8032Test1Public);
        certificate.NotBefore.Should().Be(PinnedRecords.NewYear);
        certificate.NotAfter.Should().Be(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        certificate.Issuer.Value.Should().Be("utility-root");
        certificate.VerifyIssuerSignature(PublicKey.Parse(TestKeys.Rfc8032Test2Public)).Should().BeTrue();
    }

    [Fact]
    public void Certificate_revocation_has_the_pinned_bytes_and_decodes_to_its_fields()
    {
        Hex(PinnedRecords.Revocation.Encoded.Span).Should().Be(RevocationHex);

        var revocation = CertificateRevocation.Decode(Convert.FromHexString(RevocationHex));
        revocation.Subject.Should().Be(PinnedRecords.MeterId);
        revocation.Serial.Should().Be(42);
        revocation.RevokedAt.Should().Be(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        revocation.Reason.Should().Be(RevocationReason.KeyCompromise);
        revocation.Issuer.Value.Should().Be("utility-root");
        revocation.VerifyIssuerSignature(PublicKey.Parse(TestKeys.Rfc8032Test2Public)).Should().BeTrue();
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
