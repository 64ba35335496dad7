using System.Collections.Immutable;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Appliances;

/// <summary>
/// The rules a meter block must meet to carry appliance reports: signed by a certified appliance
/// key, for this household, inside the block's readings, consecutive per appliance.
/// </summary>
public class CarriedReportTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly TestAppliance _washer;
    private readonly TestAppliance _fridge;

    public CarriedReportTests()
    {
        _pki.Certify(_meter);
        _washer = new TestAppliance("washer-0001", _meter.Id);
        _fridge = new TestAppliance("fridge-0001", _meter.Id);
        _washer.Certify(_pki);
        _fridge.Certify(_pki);
    }

    private ChainDefect? Check(MeterBlock block) => MeterBlockValidator.Check(block, _meter.Id, _meter.Head, _pki.Registry, now: null, Skew);

    private static (DateTimeOffset Start, DateTimeOffset End) Span(LoadProfile profile) => (profile.Start, profile.End);

    [Fact]
    public void A_block_carrying_reports_of_certified_appliances_is_valid_and_written_as_version_2()
    {
        var profile = _meter.NextProfile(4);
        var (start, end) = Span(profile);
        var mid = start + TimeSpan.FromMinutes(30);
        var block = _meter.Craft(profile, reports: [_washer.Next(start, mid, 40), _fridge.Next(start, end, 30), _washer.Next(mid, end, 20)]);

        Check(block).Should().BeNull();
        block.Version.Should().Be(MeterBlock.FormatVersionWithAppliances);
        block.Encoded.Span[1].Should().Be(2);
        MeterBlock.Decode(block.Encoded.Span).Reports.Select(r => r.Hash).Should().Equal(block.Reports.Select(r => r.Hash));
    }

    [Fact]
    public void A_block_without_reports_is_still_written_as_version_1()
    {
        var block = _meter.Craft(reports: []);

        block.Version.Should().Be(MeterBlock.FormatVersion);
        block.Encoded.Span[1].Should().Be(1);
        block.Reports.Should().BeEmpty();
    }

    [Fact]
    public void A_report_signed_by_a_meter_key_is_refused_as_wrong_role()
    {
        // The meter's own key and certificate, posing as an appliance of its household.
        var profile = _meter.NextProfile();
        var posing = ApplianceReport.Create(_meter.Id, _meter.Id, 0, _meter.KeySerial, default, profile.Start, profile.End, 10, _meter.Key);
        var block = _meter.Craft(profile, reports: [posing]);

        Check(block).ShouldBe(0, DefectKind.WrongRole, $"appliance report 0 ({_meter.Id}#0): certificate #1 of '{_meter.Id}'*WrongRole");
    }

    [Fact]
    public void A_report_under_an_appliance_id_certified_for_another_role_is_refused()
    {
        var heater = new TestAppliance("heater-0001", _meter.Id);
        heater.Certify(_pki, DeviceRole.Concentrator);
        var profile = _meter.NextProfile();

        Check(_meter.Craft(profile, reports: [heater.Next(profile.Start, profile.End, 10)])).ShouldBe(0, DefectKind.WrongRole);
    }

    [Fact]
    public void A_forged_report_is_refused_as_bad_signature_even_though_the_meter_signed_the_block()
    {
        var profile = _meter.NextProfile();
        var forger = TestKeys.Derived("forger");
        var forged = _washer.Craft(profile.Start, profile.End, 10, key: forger);

        Check(_meter.Craft(profile, reports: [forged])).ShouldBe(0, DefectKind.BadSignature, "appliance report 0 (washer-0001#0): signature does not verify*");
    }

    [Fact]
    public void A_report_whose_energy_was_changed_after_signing_is_refused()
    {
        var profile = _meter.NextProfile();
        var honest = _washer.Craft(profile.Start, profile.End, 10);
        var altered = ApplianceReport.Assemble(honest.ApplianceId, honest.Household, honest.Sequence, honest.KeySerial, honest.Previous, honest.Start, honest.End, 9, honest.Signature);

        Check(_meter.Craft(profile, reports: [altered])).ShouldBe(0, DefectKind.BadSignature);
    }

    [Fact]
    public void A_report_of_an_uncertified_appliance_is_refused()
    {
        var stranger = new TestAppliance("stranger-01", _meter.Id);
        var profile = _meter.NextProfile();

        Check(_meter.Craft(profile, reports: [stranger.Next(profile.Start, profile.End, 10)])).ShouldBe(0, DefectKind.UnknownDevice);
    }

    [Fact]
    public void A_report_for_another_household_is_refused()
    {
        var profile = _meter.NextProfile();
        var report = _washer.Craft(profile.Start, profile.End, 10, household: DeviceId.Parse("meter-0002"));

        Check(_meter.Craft(profile, reports: [report])).ShouldBe(0, DefectKind.ApplianceReportMismatch, "*names household 'meter-0002', not 'meter-0001'");
    }

    [Fact]
    public void A_report_outside_the_blocks_readings_is_refused()
    {
        var profile = _meter.NextProfile();
        var report = _washer.Craft(profile.Start, profile.End + TimeSpan.FromMinutes(1), 10);

        Check(_meter.Craft(profile, reports: [report])).ShouldBe(0, DefectKind.ApplianceReportMismatch, "*outside the block's readings*");
    }

    [Fact]
    public void Reports_of_one_appliance_that_skip_a_sequence_inside_a_block_are_refused()
    {
        var profile = _meter.NextProfile(4);
        var mid = profile.Start + TimeSpan.FromMinutes(30);
        var first = _washer.Next(profile.Start, mid, 10);
        var skipping = _washer.Craft(mid, profile.End, 10, sequence: first.Sequence + 2);

        Check(_meter.Craft(profile, reports: [first, skipping])).ShouldBe(0, DefectKind.ApplianceReportMismatch, "*does not follow the appliance's report #0*");
    }

    [Fact]
    public void Reports_of_one_appliance_that_overlap_in_time_inside_a_block_are_refused()
    {
        var profile = _meter.NextProfile(4);
        var first = _washer.Next(profile.Start, profile.End, 10);
        var overlapping = _washer.Next(profile.Start, profile.End, 10);

        Check(_meter.Craft(profile, reports: [first, overlapping])).ShouldBe(0, DefectKind.ApplianceReportMismatch);
    }

    [Fact]
    public void Reports_in_a_block_with_no_import_register_are_refused()
    {
        var profile = new LoadProfile([Channel.VoltageL1], [new IntervalReading(TestMeter.FirstReading, Profiles.Interval, ReadingStatus.None, [2300])]);
        var block = _meter.Craft(profile, reports: [_washer.Next(profile.Start, profile.End, 10)]);

        Check(block).ShouldBe(0, DefectKind.ApplianceReportMismatch, "*no 1.8.0 register*");
    }

    [Fact]
    public void A_version_2_block_with_an_empty_appliance_section_does_not_decode()
    {
        var profile = _meter.NextProfile();
        var v1 = _meter.Craft(profile).ToArray();
        var withEmptySection = new byte[v1.Length + 1];
        v1.AsSpan(0, v1.Length - 64).CopyTo(withEmptySection);
        withEmptySection[1] = 2;
        withEmptySection[v1.Length - 64] = 0; // report count 0, then the (now meaningless) signature

        v1.AsSpan(v1.Length - 64).CopyTo(withEmptySection.AsSpan(v1.Length - 63));

        FluentActions.Invoking(() => MeterBlock.Decode(withEmptySection))
            .Should().Throw<LedgerFormatException>().WithMessage("*appliance report count is 0, outside 1..4096*");
    }

    [Fact]
    public void A_version_3_block_is_refused_as_an_unsupported_version()
    {
        var bytes = _meter.Craft().ToArray();
        bytes[1] = 3;

        FluentActions.Invoking(() => MeterBlock.Decode(bytes))
            .Should().Throw<LedgerFormatException>().WithMessage("*format version 3 is not supported (1..2)*");
    }

    [Fact]
    public void A_chain_mixing_version_1_and_version_2_blocks_verifies()
    {
        var blocks = new List<MeterBlock> { _meter.NextBlock() };
        blocks.Add(_meter.NextBlockWith(p => [_washer.Next(p.Start, p.End, 50)]));
        blocks.Add(_meter.NextBlock());
        blocks.Add(_meter.NextBlockWith(p => [_washer.Next(p.Start, p.End, 50), _fridge.Next(p.Start, p.End, 60)]));

        var report = new ChainVerifier(_pki.Registry, Skew).Verify(_meter.Id, blocks);

        report.IsValid.Should().BeTrue(string.Join("; ", report.Defects));
        blocks.Select(b => b.Version).Should().Equal((byte)1, (byte)2, (byte)1, (byte)2);
    }

    [Fact]
    public void A_report_carried_with_reports_for_two_appliances_is_checked_for_each()
    {
        var profile = _meter.NextProfile();
        var forged = _fridge.Craft(profile.Start, profile.End, 10, key: TestKeys.Derived("forger"));

        Check(_meter.Craft(profile, reports: ImmutableArray.Create(_washer.Next(profile.Start, profile.End, 10), forged)))
            .ShouldBe(0, DefectKind.BadSignature, "appliance report 1 (fridge-0001#0)*");
    }
}
