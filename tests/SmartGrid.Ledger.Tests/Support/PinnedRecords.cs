using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>The known records whose canonical bytes are pinned: every field is a fixed value.</summary>
internal static class PinnedRecords
{
    /// <summary>2025-01-01T00:00:00Z, unix second 1735689600.</summary>
    public static readonly DateTimeOffset NewYear = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DeviceId MeterId = DeviceId.Parse("MTR-0001");

    /// <summary>Three 15-minute readings of the six channels from <see cref="NewYear"/>; the third has the clock-adjusted bit.</summary>
    public static LoadProfile Profile { get; } = new(
        Profiles.SixChannels,
        [
            new IntervalReading(NewYear, Profiles.Interval, ReadingStatus.None, [1234567, 0, 2301, 523, 5000, 980]),
            new IntervalReading(NewYear.AddMinutes(15), Profiles.Interval, ReadingStatus.None, [1234690, 0, 2298, 498, 4998, 975]),
            new IntervalReading(NewYear.AddMinutes(30), Profiles.Interval, ReadingStatus.ClockAdjusted, [1234701, 12, 2310, 1012, 5001, 1000]),
        ]);

    /// <summary>Bytes 0x00..0x1F, easy to spot in the hex.</summary>
    public static Hash256 Previous { get; } = new([.. Enumerable.Range(0, Hash256.Size).Select(i => (byte)i)]);

    /// <summary>2025-01-01T00:45:30.250Z, 30.25 s after the last reading ends.</summary>
    public static readonly DateTimeOffset Sealed = new(2025, 1, 1, 0, 45, 30, 250, TimeSpan.Zero);

    /// <summary>Block 7 of MTR-0001 under key serial 42, signed with the RFC 8032 TEST 1 key.</summary>
    public static MeterBlock Block { get; } = MeterBlock.Create(MeterId, 7, 42, Previous, Sealed, Profile, TestKeys.Meter);

    public static readonly DeviceId ApplianceId = DeviceId.Parse("APL-0001");

    /// <summary>
    /// Report 3 of APL-0001 for MTR-0001 under key serial 5, previous report hash bytes 0x20..0x3F,
    /// 1,000 Wh over the block's three readings, signed with the RFC 8032 TEST 2 key.
    /// </summary>
    public static ApplianceReport Report { get; } = ApplianceReport.Create(
        ApplianceId, MeterId, 3, 5, new Hash256([.. Enumerable.Range(0x20, Hash256.Size).Select(i => (byte)i)]), NewYear, NewYear.AddMinutes(45), 1000, TestKeys.Root);

    /// <summary><see cref="Block"/> carrying <see cref="Report"/>: version 2, signed with the RFC 8032 TEST 1 key.</summary>
    public static MeterBlock BlockWithReport { get; } = MeterBlock.Create(MeterId, 7, 42, Previous, Sealed, Profile, [Report], TestKeys.Meter);

    /// <summary>The utility root, signing with the RFC 8032 TEST 2 key.</summary>
    public static CertificateAuthority Root { get; } = new(DeviceId.Parse("utility-root"), TestKeys.Root);

    /// <summary>Certificate 42 of MTR-0001 (the TEST 1 public key) as a meter, for [2025-01-01, 2035-01-01).</summary>
    public static DeviceCertificate Certificate { get; } =
        Root.Issue(MeterId, DeviceRole.Meter, TestKeys.Meter.PublicKey, NewYear, NewYear.AddYears(10), 42);

    /// <summary>Certificate 42 revoked from 2026-06-01T00:00:00Z for key compromise.</summary>
    public static CertificateRevocation Revocation { get; } =
        Root.Revoke(Certificate, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), RevocationReason.KeyCompromise);
}
