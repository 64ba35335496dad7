namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// What one block records about one validator's area over the block's interval, in basis points
/// (1 bp = 0.01 %). The proposer computes it from the block's own data (anchors, feeder readings,
/// verdicts); the application's validity rule recomputes it; once committed, it is an input of
/// every validator's efficiency score.
/// </summary>
/// <param name="ForecastErrorBp">Forecast error of the area's load: the smaller of the MAPE of the moving-average and the ARIMA forecast, in bp (10,000 = 100 %).</param>
/// <param name="LossBp">Energy-balance losses: (feeder energy - sum of the meters' energy) / feeder energy, in bp, 0 when negative.</param>
/// <param name="CompletenessBp">Share of expected interval readings that arrived, in bp (at most 10,000).</param>
public readonly record struct EfficiencyObservation(uint ForecastErrorBp, uint LossBp, uint CompletenessBp)
{
    /// <summary>One hundred percent in basis points.</summary>
    public const uint Whole = 10_000;

    /// <summary>Largest error or loss a block may record (1,000 %); larger values are clipped by the proposer.</summary>
    public const uint MaxBp = 100_000;

    /// <summary>Why the observation cannot be recorded, or null when it can.</summary>
    public string? Defect() =>
        ForecastErrorBp > MaxBp ? $"forecast error {ForecastErrorBp} bp exceeds {MaxBp}"
        : LossBp > MaxBp ? $"losses {LossBp} bp exceed {MaxBp}"
        : CompletenessBp > Whole ? $"completeness {CompletenessBp} bp exceeds {Whole}"
        : null;
}
