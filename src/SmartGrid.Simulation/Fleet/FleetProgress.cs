namespace SmartGrid.Simulation.Fleet;

/// <summary>How far a fleet run has come.</summary>
/// <param name="SimulatedTime">The simulated time being uploaded.</param>
/// <param name="BlocksDone">Blocks submitted so far.</param>
/// <param name="BlocksTotal">Blocks the run will submit.</param>
public readonly record struct FleetProgress(DateTimeOffset SimulatedTime, long BlocksDone, long BlocksTotal);
