using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>A utility root and a registry trusting it, with meters certified for a fixed window.</summary>
internal sealed class TestPki
{
    /// <summary>Start of the default validity window.</summary>
    public static readonly DateTimeOffset NotBefore = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>End of the default validity window.</summary>
    public static readonly DateTimeOffset NotAfter = new(2034, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TestPki(SigningKeyPair? rootKey = null)
    {
        Root = new CertificateAuthority(DeviceId.Parse("utility-root"), rootKey ?? TestKeys.Derived("root"));
        Registry = new CertificateRegistry(Root.PublicKey);
    }

    public CertificateAuthority Root { get; }

    public CertificateRegistry Registry { get; }

    /// <summary>Issues the meter's certificate (by default for the meter role and window) and trusts it.</summary>
    public DeviceCertificate Certify(TestMeter meter, DeviceRole role = DeviceRole.Meter, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var certificate = Issue(meter, role, notBefore, notAfter);
        Registry.Add(certificate).Should().Be(CertificateAdmission.Accepted);
        return certificate;
    }

    /// <summary>Issues the meter's certificate without trusting it yet.</summary>
    public DeviceCertificate Issue(TestMeter meter, DeviceRole role = DeviceRole.Meter, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Root.Issue(meter.Id, role, meter.Key.PublicKey, notBefore ?? NotBefore, notAfter ?? NotAfter, meter.KeySerial);
}
