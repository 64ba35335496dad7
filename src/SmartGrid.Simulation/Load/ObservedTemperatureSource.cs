using SmartGrid.Simulation.Data;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Replays observed daily temperatures (for example the weather of the calibration period) and
/// falls back to another source outside them.
/// </summary>
public sealed class ObservedTemperatureSource : IDailyTemperatureSource
{
    private readonly DailyTemperatureSeries _observed;
    private readonly IDailyTemperatureSource _fallback;

    /// <summary>Creates the source.</summary>
    /// <param name="observed">Observed daily means.</param>
    /// <param name="fallback">Used for days outside <paramref name="observed"/>.</param>
    public ObservedTemperatureSource(DailyTemperatureSeries observed, IDailyTemperatureSource fallback)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(fallback);
        _observed = observed;
        _fallback = fallback;
    }

    /// <inheritdoc />
    public double DailyMeanC(DateOnly localDate)
    {
        var index = localDate.DayNumber - _observed.FirstDay.DayNumber;
        return index >= 0 && index < _observed.DayCount ? _observed[index] : _fallback.DailyMeanC(localDate);
    }
}
