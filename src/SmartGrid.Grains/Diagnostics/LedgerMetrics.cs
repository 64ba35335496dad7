using System.Diagnostics.Metrics;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Grains.Diagnostics;

/// <summary>
/// Counters of what chain grains accept and reject, under the meter "SmartGrid.Ledger". Never
/// tagged with grain keys: a million meters would be a million time series.
/// </summary>
public static class LedgerMetrics
{
    /// <summary>Name of the <see cref="Meter"/>.</summary>
    public const string MeterName = "SmartGrid.Ledger";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly Counter<long> BlocksAccepted = Meter.CreateCounter<long>("smartgrid.blocks.accepted", "{block}", "Blocks appended to meter chains");
    private static readonly Counter<long> ReadingsAccepted = Meter.CreateCounter<long>("smartgrid.readings.accepted", "{reading}", "Interval readings appended to meter chains");
    private static readonly Counter<long> BlocksRejected = Meter.CreateCounter<long>("smartgrid.blocks.rejected", "{block}", "Blocks rejected by meter chains, by reason");

    /// <summary>Counts an appended block.</summary>
    public static void Accepted(int readings)
    {
        BlocksAccepted.Add(1);
        ReadingsAccepted.Add(readings);
    }

    /// <summary>Counts a rejected block.</summary>
    public static void Rejected(DefectKind reason) => BlocksRejected.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
}
