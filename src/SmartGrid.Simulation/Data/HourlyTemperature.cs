namespace SmartGrid.Simulation.Data;

/// <summary>One hourly air temperature.</summary>
/// <param name="TimeCet">Start of the hour in Central European Time (UTC+1 all year, as the source gives it).</param>
/// <param name="TemperatureC">Temperature in degrees Celsius.</param>
public readonly record struct HourlyTemperature(DateTime TimeCet, double TemperatureC);
