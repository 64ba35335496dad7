namespace SmartGrid.Contracts.Analytics;

/// <summary>A household's edge analytics as the SDK sees it (see <c>HouseholdMonitor</c>).</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.analytics.household-report")]
public sealed record HouseholdReport
{
    /// <summary>Interval energies observed.</summary>
    [Id(0)]
    public required long Intervals { get; init; }

    /// <summary>The forecaster the bandit rates best for this household.</summary>
    [Id(1)]
    public required string Forecaster { get; init; }

    /// <summary>Forecast rounds scored.</summary>
    [Id(2)]
    public required long Rounds { get; init; }

    /// <summary>Mean normalised absolute forecast error so far (0 perfect).</summary>
    [Id(3)]
    public double? MeanError { get; init; }

    /// <summary>Forecast energy of the next day, Wh.</summary>
    [Id(4)]
    public double? NextDayWh { get; init; }

    /// <summary>Energy of the last complete day, Wh.</summary>
    [Id(5)]
    public double? LastDayWh { get; init; }

    /// <summary>Peak-to-average ratio of the last complete day.</summary>
    [Id(6)]
    public double? LastDayPeakToAverage { get; init; }

    /// <summary>Uploads refused as analytics input (negative or missing energies).</summary>
    [Id(7)]
    public long RefusedUploads { get; init; }
}
