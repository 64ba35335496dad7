using System.Collections.Immutable;
using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests;

/// <summary>A meter as a device sees itself in tests: its key, certificate, own head and clock.</summary>
public sealed class TestDevice
{
    private static readonly ImmutableArray<Channel> Channels = [Channel.ActiveEnergyImportWh, Channel.VoltageL1];
    private long _register = 1_000;

    public TestDevice(CertificateAuthority root, string meterId, DateTimeOffset start, DeviceRole role = DeviceRole.Meter)
    {
        Id = DeviceId.Parse(meterId);
        Key = SigningKeyPair.Derive("test-device"u8, meterId);
        Certificate = root.Issue(Id, role, Key.PublicKey, start.AddYears(-1), start.AddYears(5));
        Clock = start;
    }

    public DeviceId Id { get; }

    public SigningKeyPair Key { get; }

    public DeviceCertificate Certificate { get; }

    public ulong Sequence { get; private set; }

    public Hash256 Head { get; private set; } = Hash256.Zero;

    public DateTimeOffset Clock { get; private set; }

    /// <summary>The next block of <paramref name="readings"/> quarter-hours; the device's head moves on.</summary>
    public MeterBlock NextBlock(int readings = 4) => NextBlock(_ => [], readings);

    /// <summary>The next block, carrying the appliance reports <paramref name="reports"/> makes for its readings.</summary>
    public MeterBlock NextBlock(Func<LoadProfile, IEnumerable<ApplianceReport>> reports, int readings = 4)
    {
        var profile = Profile(readings);
        var block = MeterBlock.Create(Id, Sequence, Certificate.Serial, Head, Clock + TimeSpan.FromMinutes(15 * readings), profile, [.. reports(profile)], Key);
        Advance(block);
        return block;
    }

    /// <summary>Moves the device's own head past a block (as after a successful upload).</summary>
    public void Advance(MeterBlock block)
    {
        Sequence = block.Sequence + 1;
        Head = block.Hash;
        Clock = block.Profile.End;
    }

    public LoadProfile Profile(int readings)
    {
        var builder = ImmutableArray.CreateBuilder<IntervalReading>(readings);
        for (var i = 0; i < readings; i++)
        {
            _register += 100 + i;
            builder.Add(new IntervalReading(Clock + TimeSpan.FromMinutes(15 * i), TimeSpan.FromMinutes(15), ReadingStatus.None, [_register, 2300 + i]));
        }

        return new LoadProfile(Channels, builder.MoveToImmutable());
    }
}
