namespace SmartGrid.Simulation.Devices;

/// <summary>
/// What happens to one simulated meter besides its household's load: a thief tampering with what
/// it reports, a voltage event on its feeder. Implementations must be deterministic functions of
/// their arguments, so a scenario repeats exactly.
/// </summary>
public interface IMeterConditions
{
    /// <summary>
    /// The energies the meter reports for the UTC day starting at <paramref name="dayStart"/>,
    /// given the true ones from interval <paramref name="firstInterval"/> of the day on (a meter
    /// resumed mid-day sees only the rest of it); null to report the truth.
    /// </summary>
    double[]? Tamper(DateTimeOffset dayStart, int firstInterval, ReadOnlySpan<double> trueKWh);

    /// <summary>Factor applied to the voltage the meter measures in the interval starting at <paramref name="start"/> (1 when nothing happens).</summary>
    double VoltageFactor(DateTimeOffset start);
}
