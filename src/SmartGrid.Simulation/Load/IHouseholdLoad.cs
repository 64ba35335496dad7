namespace SmartGrid.Simulation.Load;

/// <summary>The electricity a simulated household uses, interval after interval.</summary>
public interface IHouseholdLoad
{
    /// <summary>
    /// Active energy imported in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="duration"/>), in kWh.
    /// Called with increasing, non-overlapping intervals.
    /// </summary>
    double NextIntervalKWh(DateTimeOffset start, TimeSpan duration);
}
