namespace SmartGrid.Simulation.Time;

/// <summary>
/// The clock of an accelerated simulation: simulated time moves forward as the simulator says,
/// and the clock never reads earlier than the real one. Silo and devices share it, so blocks
/// sealed "tomorrow" in simulated time are not mistaken for blocks from the future.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly TimeProvider _real;
    private long _simulatedTicks;

    /// <summary>Creates a clock that starts at the real time.</summary>
    public SimulationClock(TimeProvider? real = null)
    {
        _real = real ?? System;
    }

    /// <summary>The simulated time (may lie behind the real time).</summary>
    public DateTimeOffset Simulated => new(Interlocked.Read(ref _simulatedTicks), TimeSpan.Zero);

    /// <summary>Moves simulated time forward to <paramref name="time"/>; never backwards.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var current = Interlocked.Read(ref _simulatedTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _simulatedTicks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var real = _real.GetUtcNow();
        var simulated = Interlocked.Read(ref _simulatedTicks);
        return simulated > real.UtcTicks ? new DateTimeOffset(simulated, TimeSpan.Zero) : real;
    }
}
