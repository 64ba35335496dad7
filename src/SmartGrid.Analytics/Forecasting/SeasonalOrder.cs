namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// The seasonal order (P, D, Q)_s of a multiplicative seasonal ARIMA: seasonal AR lags s..P·s,
/// D seasonal differences, seasonal MA lags s..Q·s.
/// </summary>
/// <param name="P">Seasonal autoregressive order.</param>
/// <param name="D">Number of seasonal differences (1 − B^s).</param>
/// <param name="Q">Seasonal moving-average order.</param>
/// <param name="Period">Season length s in intervals (at least 2 when any order is non-zero).</param>
public readonly record struct SeasonalOrder(int P, int D, int Q, int Period)
{
    /// <summary>No seasonal part.</summary>
    public static SeasonalOrder None => default;

    /// <summary>True when any seasonal order is non-zero.</summary>
    public bool IsSeasonal => P != 0 || D != 0 || Q != 0;

    /// <inheritdoc />
    public override string ToString() => IsSeasonal ? $"({P},{D},{Q})[{Period}]" : "";
}
