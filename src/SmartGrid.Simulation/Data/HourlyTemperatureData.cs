namespace SmartGrid.Simulation.Data;

/// <summary>The hourly temperatures of a weather file, and where they came from.</summary>
/// <param name="Hours">Hours with a temperature, in file order (hours marked NA are left out).</param>
/// <param name="File">The file read.</param>
public sealed record HourlyTemperatureData(IReadOnlyList<HourlyTemperature> Hours, DataFileInfo File);
