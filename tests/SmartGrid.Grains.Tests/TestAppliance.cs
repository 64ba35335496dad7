using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests;

/// <summary>An appliance as a device sees itself in tests: its key, certificate and own chain head.</summary>
public sealed class TestAppliance
{
    public TestAppliance(CertificateAuthority root, string applianceId, DeviceId household, DateTimeOffset start, DeviceRole role = DeviceRole.Appliance)
    {
        Id = DeviceId.Parse(applianceId);
        Household = household;
        Key = SigningKeyPair.Derive("test-appliance"u8, applianceId);
        Certificate = root.Issue(Id, role, Key.PublicKey, start.AddYears(-1), start.AddYears(5));
    }

    public DeviceId Id { get; }

    public DeviceId Household { get; }

    public SigningKeyPair Key { get; }

    public DeviceCertificate Certificate { get; }

    public ulong Sequence { get; private set; }

    public Hash256 Head { get; private set; } = Hash256.Zero;

    /// <summary>Signs the next report; the appliance's head moves on.</summary>
    public ApplianceReport Next(DateTimeOffset start, DateTimeOffset end, ulong energyWh)
    {
        var report = ApplianceReport.Create(Id, Household, Sequence, Certificate.Serial, Head, start, end, energyWh, Key);
        Sequence++;
        Head = report.Hash;
        return report;
    }
}
