using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Simulation.Fleet;

/// <summary>What a fleet run did.</summary>
public sealed record FleetRunReport
{
    /// <summary>Meters in the fleet.</summary>
    public required int Meters { get; init; }

    /// <summary>Simulated start of the run.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Simulated end of the run.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Blocks submitted.</summary>
    public required long BlocksSubmitted { get; init; }

    /// <summary>Blocks appended to chains.</summary>
    public required long BlocksAccepted { get; init; }

    /// <summary>Readings in the appended blocks.</summary>
    public required long ReadingsAccepted { get; init; }

    /// <summary>Appliance reports carried in the appended blocks.</summary>
    public long ApplianceReportsAccepted { get; init; }

    /// <summary>Appended blocks flagged because their appliance reports exceeded the meter's own energy.</summary>
    public long ApplianceExcesses { get; init; }

    /// <summary>Blocks rejected, by reason.</summary>
    public required ImmutableSortedDictionary<DefectKind, long> Rejections { get; init; }

    /// <summary>Submissions that failed with an error instead of an answer (meter id and message).</summary>
    public required ImmutableArray<string> Errors { get; init; }

    /// <summary>
    /// Feeder readings not taken and nodes that could not seal (timed out, store fault...): the
    /// node keeps its pending heads and seals them with the next interval.
    /// </summary>
    public ImmutableArray<string> AnchoringErrors { get; init; } = [];

    /// <summary>Uploads a meter held back because its uplink was down (its blocks went with a later upload).</summary>
    public long UploadsDeferred { get; init; }

    /// <summary>Wall-clock duration of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Of <see cref="Elapsed"/>, the time spent anchoring (feeder readings and sealing the tiers after each upload slot).</summary>
    public TimeSpan AnchoringElapsed { get; init; }

    /// <summary>The tiers after the run: appliances (when the fleet has any), concentrators, substations, utility.</summary>
    public ImmutableArray<TierSummary> Tiers { get; init; } = [];

    /// <summary>The concentrator areas' analytics (energy balance and findings), when the silo runs them.</summary>
    public AreaSummary? Areas { get; init; }

    /// <summary>Blocks per second of wall time.</summary>
    public double BlocksPerSecond => Elapsed > TimeSpan.Zero ? BlocksSubmitted / Elapsed.TotalSeconds : 0;
}
