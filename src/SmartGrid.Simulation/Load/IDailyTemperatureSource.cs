namespace SmartGrid.Simulation.Load;

/// <summary>
/// Daily mean air temperature for the load model's seasonal factor. Implementations must be
/// deterministic (same date, same value) and thread-safe; the model asks once per local day.
/// </summary>
public interface IDailyTemperatureSource
{
    /// <summary>Daily mean temperature (°C) of a local calendar day.</summary>
    double DailyMeanC(DateOnly localDate);
}
