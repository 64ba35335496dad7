using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Efficiency;

/// <summary>The weights and normalisation of the efficiency score. <c>docs/POWER_QUALITY.md</c> gives the formula.</summary>
public sealed record EfficiencyOptions
{
    /// <summary>Weight of consumption against the household's own forecast baseline, 0.3.</summary>
    public double BaselineWeight { get; init; } = 0.3;

    /// <summary>Weight of consumption against the cohort (percentile), 0.2.</summary>
    public double CohortWeight { get; init; } = 0.2;

    /// <summary>Weight of the load factor (mean over peak, the inverse of the peak-to-average ratio), 0.2.</summary>
    public double PeakWeight { get; init; } = 0.2;

    /// <summary>Weight of demand-response delivery, 0.3 (left out, and the others renormalised, for a household with no event).</summary>
    public double DemandResponseWeight { get; init; } = 0.3;

    /// <summary>The deviation of consumption from baseline that moves the baseline score from 0.5 to 1 (or 0), 0.5: using half the baseline scores 1, 1.5 times it scores 0.</summary>
    public double BaselineSpan { get; init; } = 0.5;

    /// <summary>The period over which each load factor is taken before averaging, 1 day.</summary>
    public TimeSpan PeakPeriod { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The options used when none are given.</summary>
    public static EfficiencyOptions Default { get; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="AnalyticsInputException">A weight is negative or not finite, all are zero, or the span or period is not positive.</exception>
    public void Validate()
    {
        var weights = new[] { BaselineWeight, CohortWeight, PeakWeight, DemandResponseWeight };
        InputGuard.Require(weights.All(w => w >= 0 && double.IsFinite(w)) && BaselineWeight + CohortWeight + PeakWeight > 0,
            "weights must be finite and not negative, and the baseline, cohort and peak weights must not all be zero", "options");
        InputGuard.Require(BaselineSpan > 0 && double.IsFinite(BaselineSpan), $"the baseline span must be positive, not {BaselineSpan}", "options");
        InputGuard.Require(PeakPeriod > TimeSpan.Zero, $"the peak period must be positive, not {PeakPeriod}", "options");
    }
}
