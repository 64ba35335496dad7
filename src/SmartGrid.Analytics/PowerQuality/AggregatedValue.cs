namespace SmartGrid.Analytics.PowerQuality;

/// <summary>One aggregated interval: its start, end, and per channel the RMS (quadratic mean) of its samples.</summary>
internal readonly record struct AggregatedValue(DateTimeOffset Start, DateTimeOffset End, double[] Values);
