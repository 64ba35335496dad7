namespace SmartGrid.Simulation.Load;

/// <summary>Mean and quantiles (R-7 definition, as R and Excel) of a sample.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">50 % quantile.</param>
/// <param name="P10">10 % quantile.</param>
/// <param name="P90">90 % quantile.</param>
public sealed record DistributionSummary(double Mean, double Median, double P10, double P90);
