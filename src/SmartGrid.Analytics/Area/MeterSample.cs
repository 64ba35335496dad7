namespace SmartGrid.Analytics.Area;

/// <summary>One interval reading of a meter as the area monitor needs it.</summary>
/// <param name="End">End of the interval.</param>
/// <param name="ImportRegisterWh">Active energy import register (1.8.0) at the end of the interval, Wh.</param>
/// <param name="Voltage">Mean voltage over the interval (32.7.0), V, when the meter reports it.</param>
public readonly record struct MeterSample(DateTimeOffset End, long ImportRegisterWh, double? Voltage);
