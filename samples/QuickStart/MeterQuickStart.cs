using System.Collections.Immutable;
using SmartGrid.Client;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Samples.QuickStart;

/// <summary>The life of one smart meter, told through the SDK.</summary>
public static class MeterQuickStart
{
    public static async Task<ChainReport> RunAsync(SmartGridClient client, SigningKeyPair rootKey, TextWriter output)
    {
        // 1. The utility root certifies the meter's own key (the device keeps the private half).
        var utility = new CertificateAuthority(DeviceId.Parse("utility-root"), rootKey);
        var meter = DeviceId.Parse("MTR-quickstart");
        var deviceKey = SigningKeyPair.Generate();
        var now = DateTimeOffset.UtcNow;
        var certificate = utility.Issue(meter, DeviceRole.Meter, deviceKey.PublicKey, now.AddDays(-1), now.AddYears(10));
        output.WriteLine($"provision: {await client.ProvisionMeterAsync(certificate)}");

        // 2. The meter takes four quarter-hour readings (OBIS 1.8.0 register in Wh, 32.7.0 voltage in 0.1 V)
        //    after the last one on its chain (a new meter starts a day back), and signs them as one
        //    block linked to its head.
        var head = await client.GetHeadAsync(meter);
        var start = head.LastReadingEnd ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(-1);
        var register = 12_000L + (head.Height * 1_000);
        var readings = Enumerable.Range(0, 4)
            .Select(i => new IntervalReading(start.AddMinutes(15 * i), TimeSpan.FromMinutes(15), ReadingStatus.None, [register += 150, 2_301 + i]))
            .ToImmutableArray();
        var profile = new LoadProfile([Channel.ActiveEnergyImportWh, Channel.VoltageL1], readings);
        var block = MeterBlock.Create(meter, (ulong)head.Height, certificate.Serial, head.Hash, profile.End, profile, deviceKey);

        // 3. Submit it: the meter grain checks certificate, signature, sequence, link and time.
        output.WriteLine($"submit: {await client.SubmitBlockAsync(block)}");

        // 4. Read the chain back and verify it here, trusting nothing but the utility root key.
        await foreach (var stored in client.ReadChainAsync(meter))
        {
            output.WriteLine($"  {stored}");
        }

        var report = await client.VerifyLocallyAsync(meter, utility.PublicKey);
        output.WriteLine(report.IsValid
            ? $"verified {report.BlocksChecked} blocks, {report.ReadingsChecked} readings: no defect"
            : $"defects: {string.Join("; ", report.Defects)}");
        return report;
    }
}
