namespace SmartGrid.Simulation.Load;

/// <summary>
/// A household that also generates (rooftop PV). A meter whose load implements it nets generation
/// against consumption interval by interval: the surplus is exported (register 2.8.0).
/// </summary>
public interface IHouseholdGeneration
{
    /// <summary>Energy generated in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="duration"/>), kWh (not negative).</summary>
    double GenerationKWh(DateTimeOffset start, TimeSpan duration);
}
