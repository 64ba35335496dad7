using System.Diagnostics.Metrics;

namespace SmartGrid.Grains.Consensus;

/// <summary>
/// What validator grains commit, under the meter "SmartGrid.Consensus". Tagged with the set size
/// only, never with grain keys or set ids.
/// </summary>
public static class ConsensusMetrics
{
    /// <summary>Name of the <see cref="Meter"/>.</summary>
    public const string MeterName = "SmartGrid.Consensus";

    /// <summary>Name of the commit latency histogram.</summary>
    public const string CommitLatencyName = "smartgrid.consensus.commit_latency";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Histogram<double> CommitLatency = Meter.CreateHistogram<double>(
        CommitLatencyName, "ms", "Time from a height being open at a validator (previous height committed, target allowing it) to its commit there");

    /// <summary>Records one validator's commit of one height.</summary>
    public static void Committed(int validators, TimeSpan latency) =>
        CommitLatency.Record(latency.TotalMilliseconds, new KeyValuePair<string, object?>("validators", validators));
}
