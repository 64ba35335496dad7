using System.Collections.Immutable;

namespace SmartGrid.Contracts.Analytics;

/// <summary>The result of a screening request.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.theft-screening-report")]
public sealed record TheftScreeningReport
{
    /// <summary>How the request ended.</summary>
    [Id(0)]
    public required TheftScreeningOutcome Outcome { get; init; }

    /// <summary>Why it was refused or not run; null when screened.</summary>
    [Id(1)]
    public string? Message { get; init; }

    /// <summary>Every household-day scored: meters in the request's concentrator order (members by id), days in order.</summary>
    [Id(2)]
    public ImmutableArray<TheftDayVerdict> Verdicts { get; init; } = [];

    /// <summary>The alarm threshold of the detector that judged.</summary>
    [Id(3)]
    public double Threshold { get; init; }

    /// <summary>SHA-256 of the model that judged, lower-case hex.</summary>
    [Id(4)]
    public string? ModelHash { get; init; }

    /// <summary>Alarms the concentrators took for their next block (signed as <c>TheftSuspected</c> events when it seals).</summary>
    [Id(5)]
    public int AlarmsRecorded { get; init; }

    /// <summary>Alarms that were already on a concentrator's chain, or already waiting for its next block: not handed over again.</summary>
    [Id(6)]
    public int AlarmsAlreadyRecorded { get; init; }

    /// <summary>
    /// What could not be used, one sentence each: a meter chain or a concentrator chain whose stored
    /// blocks do not decode or do not link (left out of the screening), an alarm a concentrator refused.
    /// </summary>
    [Id(7)]
    public ImmutableArray<string> Problems { get; init; } = [];
}
