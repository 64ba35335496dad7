using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Support;

/// <summary>The same temperature every day.</summary>
public sealed class ConstantTemperature(double celsius) : IDailyTemperatureSource
{
    public double DailyMeanC(DateOnly localDate) => celsius;
}
