using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>One meter's cumulative energy registers.</summary>
/// <param name="MeterId">The meter.</param>
/// <param name="ImportWh">The active energy import register (OBIS 1.8.0), Wh, one channel.</param>
/// <param name="ExportWh">The active energy export register (OBIS 2.8.0), Wh, one channel, or null.</param>
/// <param name="HasGeneration">True when the household may export (PV, battery): a rising export register is then normal.</param>
public sealed record MeterRegisters(string MeterId, SampledSeries ImportWh, SampledSeries? ExportWh, bool HasGeneration);
