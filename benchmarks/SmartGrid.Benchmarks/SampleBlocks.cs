using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Simulation.Devices;
using SmartGrid.Simulation.Load;


namespace SmartGrid.Benchmarks;

/// <summary>Realistic blocks for benchmarks: a 6-hour upload of 24 quarter-hours on the six channels a virtual meter records.</summary>
public static class SampleBlocks
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly HouseholdLoadModel Households = new(LoadModelParameters.Default, seed: 1);

    public static CertificateAuthority Root { get; } = new(DeviceId.Parse("bench-root"), SigningKeyPair.Derive("benchmarks"u8, "root"));

    public static (VirtualMeter Meter, DeviceCertificate Certificate) Meter(int index)
    {
        var id = DeviceId.Parse($"MTR-{index:D7}");
        var key = SigningKeyPair.Derive("benchmarks"u8, id.Value);
        var certificate = Root.Issue(id, DeviceRole.Meter, key.PublicKey, Start.AddYears(-1), Start.AddYears(10));
        var meter = new VirtualMeter(id, key, new ModelHousehold(Households, index), (ulong)index, Start, TimeSpan.FromMinutes(15)) { KeySerial = certificate.Serial };
        return (meter, certificate);
    }

    /// <summary>One 6-hour block of a fresh meter.</summary>
    public static MeterBlock One() => Meter(1).Meter.Seal(Start.AddHours(6), Start.AddHours(6))!;

    public static ImmutableArray<Hash256> Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Hash256.Compute(BitConverter.GetBytes(i)))];
}
