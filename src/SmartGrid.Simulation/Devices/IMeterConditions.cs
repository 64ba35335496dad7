namespace SmartGrid.Simulation.Devices;

/// <summary>
/// What happens to one simulated meter besides its household's load: a thief tampering with what
/// it reports, a voltage event on its feeder, a fault of the meter itself. Implementations must be
/// deterministic functions of their arguments, so a scenario repeats exactly.
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

    /// <summary>
    /// The energy the import register counts for the interval starting at <paramref name="start"/>,
    /// kWh, given what the meter measured and reports (<paramref name="reportedKWh"/>: after any
    /// tampering, never negative). A faulty register counts something else (nothing, a frozen
    /// value, a drifting share); negative when it runs backwards. By default what is reported.
    /// </summary>
    double Register(DateTimeOffset start, double reportedKWh) => reportedKWh;

    /// <summary>
    /// Factors applied to the phase voltages L1, L2 and L3 of a three-phase meter in the interval
    /// starting at <paramref name="start"/>, on top of <see cref="VoltageFactor"/>: a lost neutral
    /// splits them. By default (1, 1, 1); a single-phase meter uses L1's only.
    /// </summary>
    (double L1, double L2, double L3) PhaseFactors(DateTimeOffset start) => (1, 1, 1);
}
