using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Pki;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Fleet;

namespace SmartGrid.Simulation.Tests.Devices;

/// <summary>
/// Virtual appliances: each signs one report per upload over the block's readings, their sum stays
/// under what the meter recorded, and a resumed meter continues their chains exactly.
/// </summary>
public sealed class VirtualApplianceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static FleetSpec Spec(int appliances = 2) => new() { Seed = 17, Meters = 6, Start = Start, AppliancesPerHousehold = appliances };

    private static VirtualFleet Fleet(FleetSpec spec) => VirtualFleet.Create(spec, FleetHouseholds.For(spec));

    private static List<MeterBlock> Days(VirtualMeter meter, int days)
    {
        var blocks = new List<MeterBlock>();
        for (var hour = 6; hour <= 24 * days; hour += 6)
        {
            blocks.Add(meter.Seal(Start.AddHours(hour), Start.AddHours(hour))!);
        }

        return blocks;
    }

    private static CertificateRegistry Registry(VirtualMeter meter)
    {
        var root = new CertificateAuthority(Ledger.Identity.DeviceId.Parse("root"), Ledger.Crypto.SigningKeyPair.Derive("appliance-tests"u8, "root"));
        var registry = new CertificateRegistry(root.PublicKey);
        var meterCertificate = root.Issue(meter.Id, DeviceRole.Meter, meter.Key.PublicKey, Start.AddYears(-1), Start.AddYears(5));
        registry.Add(meterCertificate);
        meter.KeySerial = meterCertificate.Serial;
        foreach (var appliance in meter.Appliances)
        {
            var certificate = root.Issue(appliance.Id, DeviceRole.Appliance, appliance.Key.PublicKey, Start.AddYears(-1), Start.AddYears(5));
            registry.Add(certificate);
            appliance.KeySerial = certificate.Serial;
        }

        return registry;
    }

    [Fact]
    public void Each_household_gets_its_appliances_with_their_own_keys_named_after_the_meter()
    {
        var fleet = Fleet(Spec(3));

        fleet.Meters[4].Appliances.Select(a => a.Id.Value).Should().Equal("APL-0000005-1", "APL-0000005-2", "APL-0000005-3");
        fleet.Meters.SelectMany(a => a.Appliances).Select(a => a.Key.PublicKey).Should().OnlyHaveUniqueItems();
        fleet.Meters.SelectMany(a => a.Appliances).Should().OnlyContain(a => fleet.Meters.Any(m => m.Id == a.Household && m.Appliances.Contains(a)));
    }

    [Fact]
    public void Blocks_carry_one_report_per_appliance_that_verifies_and_never_exceeds_the_meter()
    {
        var meter = Fleet(Spec()).Meters[2];
        var registry = Registry(meter);

        var blocks = Days(meter, 2);
        var report = new ChainVerifier(registry, TimeSpan.FromMinutes(5)).Verify(meter.Id, blocks);

        report.IsValid.Should().BeTrue(string.Join("; ", report.Defects));
        blocks.Should().OnlyContain(b => b.Version == MeterBlock.FormatVersionWithAppliances && b.Reports.Length == 2);
        blocks.SelectMany(b => b.Reports).Should().OnlyContain(r => r.EnergyWh > 0, "a household always draws something over six hours");
        var head = ChainHead.Genesis.Advance(blocks[0]);
        foreach (var block in blocks.Skip(1))
        {
            var recorded = block.Profile.Readings[^1].Values[0] - head.LastImportWh!.Value;
            block.Reports.Sum(r => (long)r.EnergyWh).Should().BeLessThanOrEqualTo((long)(recorded * VirtualAppliance.MaxTotalShare));
            ApplianceBalance.Of(block, head)!.Value.Exceeds.Should().BeFalse();
            head = head.Advance(block);
        }
    }

    [Fact]
    public void A_household_without_appliances_keeps_writing_version_1_blocks()
    {
        var meter = Fleet(Spec(0)).Meters[0];

        Days(meter, 1).Should().OnlyContain(b => b.Version == MeterBlock.FormatVersion && b.Reports.IsEmpty);
    }

    [Fact]
    public void A_meter_resumed_from_its_last_block_continues_its_appliances_chains_exactly()
    {
        var spec = Spec();
        var straight = Days(Fleet(spec).Meters[1], 2);
        var resumed = Fleet(spec).Meters[1];
        resumed.Resume(straight[3]);

        var rest = new List<MeterBlock>();
        for (var hour = 30; hour <= 48; hour += 6)
        {
            rest.Add(resumed.Seal(Start.AddHours(hour), Start.AddHours(hour))!);
        }

        rest.Select(b => b.Hash).Should().Equal(straight.Skip(4).Select(b => b.Hash));
        rest[0].Reports.Select(r => r.Previous).Should().Equal(straight[3].Reports.Select(r => r.Hash));
    }

    [Fact]
    public void A_fleet_of_too_many_appliances_per_household_is_refused_with_the_reason()
    {
        Spec(FleetSpec.MaxAppliancesPerHousehold + 1).Validate().Should().Contain("0..64 smart appliances");
    }

    [Fact]
    public void An_appliance_draws_a_seeded_share_of_its_household_that_repeats()
    {
        var washer = Fleet(Spec()).Meters[0].Appliances[0];
        var again = Fleet(Spec()).Meters[0].Appliances[0];

        var draws = Enumerable.Range(0, 96).Select(i => washer.DrawWh(Start.AddMinutes(15 * i), TimeSpan.FromMinutes(15), 1_000)).ToList();

        draws.Should().Equal(Enumerable.Range(0, 96).Select(i => again.DrawWh(Start.AddMinutes(15 * i), TimeSpan.FromMinutes(15), 1_000)));
        draws.Should().OnlyContain(wh => wh >= 0 && wh <= 1_000 * VirtualAppliance.MaxTotalShare / 2);
        draws.Distinct().Should().HaveCountGreaterThan(10, "the share varies from interval to interval");
        washer.DrawWh(Start, TimeSpan.FromMinutes(15), 0).Should().Be(0);
    }
}
