namespace SmartGrid.Cli.Simulating;

/// <summary>One point of a run's timeline, taken after each upload slot.</summary>
/// <param name="WallSeconds">Seconds since the uploads began.</param>
/// <param name="SimulatedTime">The simulated time uploaded up to.</param>
/// <param name="BlocksAccepted">Blocks accepted so far.</param>
/// <param name="ReadingsAccepted">Readings accepted so far.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="ManagedBytes">Bytes on the managed heap.</param>
public readonly record struct TimelineSample(double WallSeconds, DateTimeOffset SimulatedTime, long BlocksAccepted, long ReadingsAccepted, long WorkingSetBytes, long ManagedBytes)
{
    /// <summary>Full (generation 2) garbage collections since the process started.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Time the garbage collector paused the process since it started, seconds.</summary>
    public double GcPauseSeconds { get; init; }
}
