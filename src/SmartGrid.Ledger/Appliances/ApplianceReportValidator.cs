using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Appliances;

/// <summary>
/// The rules for appliance reports, shared by live ingest and the audit: those a meter block must
/// meet to carry them (<see cref="CheckCarried"/>, called by <see cref="MeterBlockValidator"/>), and
/// those an appliance's own chain of reports must meet (<see cref="Check"/>).
/// </summary>
public static class ApplianceReportValidator
{
    /// <summary>
    /// Checks the reports <paramref name="block"/> carries for <paramref name="meter"/>: each for this
    /// household, within the block's readings, consecutive per appliance within the block, under a
    /// certificate of role <see cref="DeviceRole.Appliance"/> valid when signed (a meter's or any
    /// other role's key is refused), with a signature that verifies. Structural checks run first.
    /// </summary>
    /// <param name="block">The meter block.</param>
    /// <param name="meter">The meter whose chain the block extends.</param>
    /// <param name="height">The block's height, for the defect.</param>
    /// <param name="registry">Trusted certificates, including the appliances'.</param>
    /// <param name="now">For live ingest, the receiver's clock; null for an audit.</param>
    /// <param name="maxClockSkew">Expiry grace at live ingest.</param>
    /// <returns>The first defect found, or null.</returns>
    public static ChainDefect? CheckCarried(MeterBlock block, DeviceId meter, long height, CertificateRegistry registry, DateTimeOffset? now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(registry);
        var reports = block.Reports;
        if (reports.IsEmpty)
        {
            return null;
        }

        var profile = block.Profile;
        if (ApplianceBalance.ImportRegisterWh(profile, 0) is null)
        {
            return Mismatch(height, $"the block carries {reports.Length} appliance reports but has no 1.8.0 register in Wh to balance them against");
        }

        var last = new Dictionary<DeviceId, ApplianceReport>();
        for (var i = 0; i < reports.Length; i++)
        {
            var report = reports[i];
            if (report.Household != meter)
            {
                return Mismatch(height, $"{Name(i, report)} names household '{report.Household}', not '{meter}'");
            }

            if (report.Start < profile.Start || report.End > profile.End)
            {
                return Mismatch(height, $"{Name(i, report)} covers {report.Start:O} .. {report.End:O}, outside the block's readings {profile.Start:O} .. {profile.End:O}");
            }

            if (last.TryGetValue(report.ApplianceId, out var previous)
                && (report.Sequence != previous.Sequence + 1 || report.Previous != previous.Hash || report.Start < previous.End))
            {
                return Mismatch(height, $"{Name(i, report)} does not follow the appliance's report #{previous.Sequence} earlier in the block (sequence, link or time)");
            }

            last[report.ApplianceId] = report;
        }

        for (var i = 0; i < reports.Length; i++)
        {
            var report = reports[i];
            var status = registry.Check(report.ApplianceId, report.KeySerial, DeviceRole.Appliance, report.Timestamp, now, out var certificate, maxClockSkew);
            if (status != CertificateStatus.Valid)
            {
                return new ChainDefect(height, ChainRules.ToDefect(status), $"{Name(i, report)}: certificate #{report.KeySerial} of '{report.ApplianceId}' for an appliance report signed {report.Timestamp:O}: {status}");
            }

            if (!report.VerifySignature(certificate!.SubjectKey))
            {
                return new ChainDefect(height, DefectKind.BadSignature, $"{Name(i, report)}: signature does not verify under the appliance's certificate #{report.KeySerial}");
            }
        }

        return null;
    }

    /// <summary>
    /// Checks <paramref name="report"/> as the next report of <paramref name="appliance"/>'s own chain
    /// after <paramref name="head"/>: <see cref="ChainRules"/> under an appliance certificate, and an
    /// interval that does not start before the previous report ended.
    /// </summary>
    /// <returns>The first defect found, or null when the report may be appended.</returns>
    public static ChainDefect? Check(ApplianceReport report, DeviceId appliance, in ChainHead head, CertificateRegistry registry, DateTimeOffset? now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (ChainRules.Check(report, appliance, DeviceRole.Appliance, head, registry, now, maxClockSkew) is { } defect)
        {
            return defect;
        }

        return head.LastTimestamp is { } lastEnd && report.Start < lastEnd
            ? new ChainDefect(head.Height, DefectKind.TimestampOutOfOrder, $"report starts {report.Start:O}, before the previous report ended {lastEnd:O}")
            : null;
    }

    private static string Name(int index, ApplianceReport report) => $"appliance report {index} ({report.ApplianceId}#{report.Sequence})";

    private static ChainDefect Mismatch(long height, string message) => new(height, DefectKind.ApplianceReportMismatch, message);
}
