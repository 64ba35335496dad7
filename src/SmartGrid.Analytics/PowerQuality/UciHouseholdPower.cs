namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// The UCI "Individual household electric power consumption" data (Hébrail and Bérard, CC BY 4.0): one
/// household near Paris, one row per minute. Missing values ('?') are NaN; missing rows are gaps in
/// <see cref="Times"/>.
/// </summary>
/// <param name="Times">The minute each row stands for, in the offset the reader was given.</param>
/// <param name="GlobalActivePowerKw">Household global minute-averaged active power, kW.</param>
/// <param name="GlobalReactivePowerKw">Household global minute-averaged reactive power, kW (kvar).</param>
/// <param name="VoltageV">Minute-averaged voltage, V.</param>
/// <param name="GlobalIntensityA">Household global minute-averaged current, A.</param>
/// <param name="SubMetering1Wh">Kitchen (dishwasher, oven, microwave), Wh in the minute.</param>
/// <param name="SubMetering2Wh">Laundry room (washing machine, tumble-drier, fridge, light), Wh in the minute.</param>
/// <param name="SubMetering3Wh">Water heater and air conditioner, Wh in the minute.</param>
public sealed record UciHouseholdPower(
    IReadOnlyList<DateTimeOffset> Times,
    IReadOnlyList<double> GlobalActivePowerKw,
    IReadOnlyList<double> GlobalReactivePowerKw,
    IReadOnlyList<double> VoltageV,
    IReadOnlyList<double> GlobalIntensityA,
    IReadOnlyList<double> SubMetering1Wh,
    IReadOnlyList<double> SubMetering2Wh,
    IReadOnlyList<double> SubMetering3Wh)
{
    /// <summary>The voltage as a one-phase series sampled every minute.</summary>
    /// <exception cref="AnalyticsInputException">The data holds no row.</exception>
    public SampledSeries Voltage() => SampledSeries.Single(Times, VoltageV, TimeSpan.FromMinutes(1));
}
