namespace SmartGrid.Simulation.Load;

/// <summary>What the model needs to know about one local calendar day, shared by all households.</summary>
/// <param name="LocalDay">Day number (days since 0001-01-01, as <see cref="DateOnly.DayNumber"/>).</param>
/// <param name="DayType">Weekday, Saturday or Sunday.</param>
/// <param name="TemperatureC">Daily mean temperature used.</param>
/// <param name="SeasonalFactors">Seasonal factor of each archetype on this day.</param>
internal sealed record LocalDayInfo(int LocalDay, DayType DayType, double TemperatureC, double[] SeasonalFactors);
