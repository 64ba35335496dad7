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
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    public static async Task<ChainReport> RunAsync(SmartGridClient client, SigningKeyPair rootKey, string deviceKeyPath, TextWriter output, DateTimeOffset? clock = null)
    {
        var now = clock ?? DateTimeOffset.UtcNow;

        // 1. The meter owns its key (kept in its own file); the utility root certifies the public half.
        var meter = DeviceId.Parse("MTR-quickstart");
        if (!File.Exists(deviceKeyPath))
        {
            KeyFile.WritePrivateKey(deviceKeyPath, SigningKeyPair.Generate());
        }

        var deviceKey = KeyFile.ReadPrivateKey(deviceKeyPath);
        var utility = new CertificateAuthority(DeviceId.Parse("utility-root"), rootKey);
        var validFrom = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var certificate = utility.Issue(meter, DeviceRole.Meter, deviceKey.PublicKey, validFrom, validFrom.AddYears(10));
        output.WriteLine($"provision: {await client.ProvisionMeterAsync(certificate)}");

        // 2. The meter reads its quarter-hours since the last reading on its chain (at most four;
        //    a new meter starts an hour back): OBIS 1.8.0 register in Wh, 32.7.0 voltage in 0.1 V.
        var head = await client.GetHeadAsync(meter);
        var lastQuarter = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Quarter.Ticks), TimeSpan.Zero);
        var start = head.LastReadingEnd ?? lastQuarter.AddHours(-1);
        var count = (int)Math.Min(4, (lastQuarter - start).Ticks / Quarter.Ticks);
        if (count <= 0)
        {
            output.WriteLine("submit: no new quarter-hour since the last upload");
        }
        else
        {
            var register = 12_000L + (head.Height * 1_000);
            var readings = Enumerable.Range(0, count)
                .Select(i => new IntervalReading(start + (Quarter * i), Quarter, ReadingStatus.None, [register += 150, 2_301 + i]))
                .ToImmutableArray();
            var profile = new LoadProfile([Channel.ActiveEnergyImportWh, Channel.VoltageL1], readings);

            // 3. Signed as one block linked to the head, and submitted: the meter grain checks
            //    certificate, signature, sequence, link and time before it appends.
            var block = MeterBlock.Create(meter, (ulong)head.Height, certificate.Serial, head.Hash, profile.End, profile, deviceKey);
            output.WriteLine($"submit: {await client.SubmitBlockAsync(block)}");
        }

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
