using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>
/// An appliance as the tests need it: it owns its key and its own chain of reports, and signs the
/// next report for its household. <see cref="Craft"/> builds what a faulty or malicious party would.
/// </summary>
internal sealed class TestAppliance
{
    public TestAppliance(string id, DeviceId household, SigningKeyPair? key = null, ulong keySerial = 1)
    {
        Id = DeviceId.Parse(id);
        Household = household;
        Key = key ?? TestKeys.Derived(id);
        KeySerial = keySerial;
    }

    public DeviceId Id { get; }

    public DeviceId Household { get; }

    public SigningKeyPair Key { get; }

    public ulong KeySerial { get; }

    /// <summary>Sequence of the next report.</summary>
    public ulong Sequence { get; private set; }

    /// <summary>Hash of the last report signed.</summary>
    public Hash256 Head { get; private set; } = Hash256.Zero;

    /// <summary>Signs the next report and moves the appliance's head on.</summary>
    public ApplianceReport Next(DateTimeOffset start, DateTimeOffset end, ulong energyWh)
    {
        var report = Craft(start, end, energyWh);
        Sequence++;
        Head = report.Hash;
        return report;
    }

    /// <summary>A report in this appliance's name: by default the honest next one. Nothing moves on.</summary>
    public ApplianceReport Craft(DateTimeOffset start, DateTimeOffset end, ulong energyWh, DeviceId? household = null, ulong? sequence = null, Hash256? previous = null, SigningKeyPair? key = null, ulong? keySerial = null) =>
        ApplianceReport.Create(Id, household ?? Household, sequence ?? Sequence, keySerial ?? KeySerial, previous ?? Head, start, end, energyWh, key ?? Key);

    /// <summary>The appliance's certificate from <paramref name="pki"/>'s root, trusted by its registry.</summary>
    public DeviceCertificate Certify(TestPki pki, DeviceRole role = DeviceRole.Appliance)
    {
        var certificate = Issue(pki, role);
        pki.Registry.Add(certificate).Should().Be(CertificateAdmission.Accepted);
        return certificate;
    }

    /// <summary>The appliance's certificate from <paramref name="pki"/>'s root, not trusted yet.</summary>
    public DeviceCertificate Issue(TestPki pki, DeviceRole role = DeviceRole.Appliance) =>
        pki.Root.Issue(Id, role, Key.PublicKey, TestPki.NotBefore, TestPki.NotAfter, KeySerial);
}
