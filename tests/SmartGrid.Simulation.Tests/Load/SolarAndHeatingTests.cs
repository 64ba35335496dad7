using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class SolarAndHeatingTests
{
    private static readonly HouseholdLoadModel Model = new(LoadModelParameters.Default, seed: 5);
    private static readonly SolarModel Sun = new(seed: 5);

    private static DateTimeOffset Utc(int month, int day, double hour) => new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero).AddHours(hour);

    [Fact]
    public void The_sun_gives_nothing_at_night_most_at_solar_noon_and_more_in_june_than_in_december()
    {
        Sun.ClearSkyKwPerKwp(Utc(6, 21, 0)).Should().Be(0);
        Sun.ClearSkyKwPerKwp(Utc(12, 21, 18)).Should().Be(0);

        // At 8° E solar noon is about 11:28 UTC.
        var noon = Sun.ClearSkyKwPerKwp(Utc(6, 21, 11.5));
        noon.Should().BeInRange(0.6, 0.8, "about 1 kW/m² on a clear June noon, times the 0.8 performance ratio");
        Sun.ClearSkyKwPerKwp(Utc(6, 21, 8)).Should().BeLessThan(noon);
        Sun.ClearSkyKwPerKwp(Utc(12, 21, 11.5)).Should().BeLessThan(noon / 2, "the December sun stands about 20° high at 47° N");
    }

    [Fact]
    public void A_clear_june_day_gives_a_plausible_yield_and_clouds_only_reduce_it()
    {
        var day = Utc(6, 21, 0);
        var clear = Enumerable.Range(0, 96).Sum(q => Sun.ClearSkyKwPerKwp(day.AddMinutes((15 * q) + 7.5)) * 0.25);
        var actual = Sun.EnergyKWh(1, day, TimeSpan.FromDays(1));

        clear.Should().BeInRange(5, 8, "kWh per kWp on a clear midsummer day in central Europe");
        actual.Should().BeApproximately(clear * Sun.CloudFactor(day), 1e-9);
        Enumerable.Range(0, 365).Select(d => Sun.CloudFactor(Utc(1, 1, 24 * d))).Should().OnlyContain(f => f >= 0.1 && f <= 1);
        new SolarModel(seed: 5).CloudFactor(day).Should().Be(Sun.CloudFactor(day), "the weather is a function of seed and day");
    }

    [Fact]
    public void Electric_heating_adds_load_on_cold_days_only()
    {
        var plain = new ScenarioHousehold(Model, 7, 0, 0, null, 0);
        var heated = new ScenarioHousehold(Model, 7, heatingKwPerDegree: 0.3, heatingBaseC: 40, null, 0);
        var never = new ScenarioHousehold(Model, 7, heatingKwPerDegree: 0.3, heatingBaseC: -40, null, 0);
        var start = Utc(1, 12, 0);

        double Day(IHouseholdLoad load) => Enumerable.Range(0, 96).Sum(q => load.NextIntervalKWh(start.AddMinutes(15 * q), TimeSpan.FromMinutes(15)));
        var baseline = Day(plain);

        Day(never).Should().Be(baseline, "no day is colder than -40 °C");
        Day(heated).Should().BeGreaterThan(baseline + (0.3 * 24 * 20), "a 40 °C base means at least 20 °C of deficit all day");
    }

    [Fact]
    public void A_meter_with_pv_exports_its_surplus_and_imports_less_than_without()
    {
        var start = Utc(6, 15, 0);
        var key = SigningKeyPair.Derive("pv"u8, "m");
        var id = DeviceId.Parse("MTR-0000009");
        var withPv = new VirtualMeter(id, key, new ScenarioHousehold(Model, 9, 0, 0, Sun, 10), 1, start, TimeSpan.FromMinutes(15));
        var without = new VirtualMeter(id, key, new ScenarioHousehold(Model, 9, 0, 0, null, 0), 1, start, TimeSpan.FromMinutes(15));

        withPv.Seal(start.AddDays(1), start.AddDays(1));
        without.Seal(start.AddDays(1), start.AddDays(1));

        withPv.ExportedWh.Should().BePositive("10 kWp in June outproduce a household at noon");
        withPv.ImportRegisterWh.Should().BeLessThan(without.ImportRegisterWh);
        withPv.ConsumedWh.Should().Be(withPv.ImportRegisterWh, "consumed is the net import an honest meter counts");
        without.ExportedWh.Should().Be(0);
        var flows = HouseholdFlows.Next(new ScenarioHousehold(Model, 9, 0, 0, Sun, 10), start.AddHours(11.5), TimeSpan.FromMinutes(15));
        (flows.Import == 0 || flows.Export == 0).Should().BeTrue("a meter imports or exports in an interval, not both");
    }
}
