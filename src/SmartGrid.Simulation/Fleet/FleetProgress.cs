namespace SmartGrid.Simulation.Fleet;

/// <summary>How far a fleet run has come, reported after each upload slot.</summary>
/// <param name="SimulatedTime">The simulated time being uploaded.</param>
/// <param name="BlocksDone">Blocks submitted so far.</param>
/// <param name="BlocksTotal">Blocks the run will submit.</param>
/// <param name="BlocksAccepted">Blocks the chains accepted so far.</param>
/// <param name="ReadingsAccepted">Interval readings in the accepted blocks so far.</param>
/// <param name="Deferred">Uploads held back by their meters so far (uplink down: store and forward).</param>
public readonly record struct FleetProgress(DateTimeOffset SimulatedTime, long BlocksDone, long BlocksTotal, long BlocksAccepted = 0, long ReadingsAccepted = 0, long Deferred = 0);
