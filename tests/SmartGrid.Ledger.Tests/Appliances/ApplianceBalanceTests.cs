using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Appliances;

/// <summary>
/// The balance rule: the appliances behind a meter can never claim more energy than the meter's own
/// 1.8.0 register recorded over the same span without the block being flagged.
/// </summary>
public class ApplianceBalanceTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly TestPki _pki = new();
    private readonly TestMeter _meter = new();
    private readonly TestAppliance _washer;
    private readonly TestAppliance _fridge;
    private readonly MeterBlock _first;

    public ApplianceBalanceTests()
    {
        _pki.Certify(_meter);
        _washer = new TestAppliance("washer-0001", _meter.Id);
        _fridge = new TestAppliance("fridge-0001", _meter.Id);
        _washer.Certify(_pki);
        _fridge.Certify(_pki);

        // A first block, so the next one is balanced from the register at its end.
        _first = _meter.NextBlock();
    }

    // The energy the meter records over its next upload of two readings, from the head's register.
    private long NextMeterWh()
    {
        var profile = _meter.NextProfile();
        return profile.Readings[^1].Values[0] - _meter.Head.LastImportWh!.Value;
    }

    private MeterBlock BlockClaiming(ulong washerWh, ulong fridgeWh)
    {
        var profile = _meter.NextProfile();
        return _meter.Craft(profile, reports: [_washer.Craft(profile.Start, profile.End, washerWh), _fridge.Craft(profile.Start, profile.End, fridgeWh)]);
    }

    [Fact]
    public void The_head_carries_the_import_register_at_the_end_of_the_last_block()
    {
        _meter.Head.LastImportWh.Should().Be(1_000_120);
        ChainHead.Genesis.LastImportWh.Should().BeNull();
    }

    [Fact]
    public void Appliances_claiming_exactly_the_meters_energy_pass()
    {
        var meterWh = NextMeterWh();
        var block = BlockClaiming((ulong)meterWh - 100, 100);

        MeterBlockValidator.Check(block, _meter.Id, _meter.Head, _pki.Registry, null, Skew).Should().BeNull();
        MeterBlockValidator.CheckBalance(block, _meter.Head).Should().BeNull();
        ApplianceBalance.Of(block, _meter.Head).Should().Be(new ApplianceBalance(meterWh, meterWh, 2, 2));
    }

    [Fact]
    public void Appliances_claiming_the_meters_energy_plus_the_rounding_tolerance_pass()
    {
        var meterWh = NextMeterWh();

        MeterBlockValidator.CheckBalance(BlockClaiming((ulong)meterWh - 99, 101), _meter.Head).Should().BeNull();
    }

    [Fact]
    public void Appliances_claiming_one_wh_beyond_the_tolerance_are_flagged_with_both_energies()
    {
        var meterWh = NextMeterWh();
        var block = BlockClaiming((ulong)meterWh - 99, 102);

        // Flagged, not refused: the block itself is valid.
        MeterBlockValidator.Check(block, _meter.Id, _meter.Head, _pki.Registry, null, Skew).Should().BeNull();
        var flag = MeterBlockValidator.CheckBalance(block, _meter.Head);
        flag.Should().Be(new ApplianceBalance(meterWh + 3, meterWh, 2, 2));
        flag!.Value.Exceeds.Should().BeTrue();
        flag.Value.ExcessWh.Should().Be(3);
        flag.Value.Describe().Should().Be($"2 appliance reports claim {meterWh + 3} Wh, the meter's 1.8.0 register rose {meterWh} Wh over the same span (tolerance 2 Wh)");
    }

    [Fact]
    public void On_a_chains_first_block_only_reports_after_the_first_reading_are_balanced_against_its_increments()
    {
        var meter = new TestMeter("meter-0009");
        var washer = new TestAppliance("washer-0009", meter.Id);
        var profile = meter.NextProfile(3);
        var firstEnd = profile.Readings[0].End;
        var increments = profile.Readings[^1].Values[0] - profile.Readings[0].Values[0];
        var block = meter.Craft(profile, reports: [washer.Next(profile.Start, firstEnd, 500), washer.Next(firstEnd, profile.End, (ulong)increments + 1)]);

        ApplianceBalance.Of(block, ChainHead.Genesis).Should().Be(new ApplianceBalance(increments + 1, increments, 1, 1));
        MeterBlockValidator.CheckBalance(block, ChainHead.Genesis).Should().BeNull();
    }

    [Fact]
    public void The_audit_reports_an_excess_as_a_finding_with_meter_height_and_both_energies_and_keeps_the_chain_going()
    {
        var meterWh = NextMeterWh();
        var excessive = _meter.NextBlockWith(p => [_washer.Next(p.Start, p.End, (ulong)meterWh + 5)]);
        var after = _meter.NextBlock();

        var report = new ChainVerifier(_pki.Registry, Skew).Verify(_meter.Id, [_first, excessive, after]);

        report.BlocksChecked.Should().Be(3);
        report.Head.Should().Be(after.Hash);
        report.Defects.Should().ContainSingle().Which.ShouldBe(1, DefectKind.ApplianceExceedsMeter, $"meter meter-0001 block 1: 1 appliance reports claim {meterWh + 5} Wh, the meter's 1.8.0 register rose {meterWh} Wh over the same span (tolerance 1 Wh)");
    }

    [Fact]
    public void A_duplicate_of_a_block_with_reports_is_reported_as_duplicate_and_not_balanced_again()
    {
        var withReports = _meter.NextBlockWith(p => [_washer.Next(p.Start, p.End, 10)]);

        var report = new ChainVerifier(_pki.Registry, Skew).Verify(_meter.Id, [_first, withReports, withReports]);

        report.Defects.Should().ContainSingle().Which.ShouldBe(2, DefectKind.Duplicate);
    }
}
