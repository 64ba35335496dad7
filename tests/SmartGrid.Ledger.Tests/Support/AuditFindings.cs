using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Ledger.Tests.Support;

/// <summary>An audit's findings as (chain, height, kind), in report order: what tamper tests assert.</summary>
internal static class AuditFindings
{
    public static IEnumerable<(string Chain, long Height, DefectKind Kind)> Of(AuditReport report) =>
        report.DefectiveChains.SelectMany(c => c.Report.Defects.Select(d => (c.Chain.ToString(), d.Height, d.Kind)));
}
