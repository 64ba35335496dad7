namespace SmartGrid.Analytics.Area;

/// <summary>One interval reading of a meter as the area monitor needs it.</summary>
/// <param name="End">End of the interval.</param>
/// <param name="ImportRegisterWh">Active energy import register (1.8.0) at the end of the interval, Wh.</param>
/// <param name="Voltage">Mean voltage of L1 over the interval (32.7.0), V, when the meter reports it.</param>
/// <param name="ExportRegisterWh">Active energy export register (2.8.0) at the end of the interval, Wh, when the meter has one.</param>
/// <param name="VoltageL2">Mean voltage of L2 over the interval (52.7.0), V, when the meter is three-phase.</param>
/// <param name="VoltageL3">Mean voltage of L3 over the interval (72.7.0), V, when the meter is three-phase.</param>
public readonly record struct MeterSample(
    DateTimeOffset End,
    long ImportRegisterWh,
    double? Voltage,
    long? ExportRegisterWh = null,
    double? VoltageL2 = null,
    double? VoltageL3 = null);
