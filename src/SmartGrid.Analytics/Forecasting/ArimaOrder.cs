namespace SmartGrid.Analytics.Forecasting;

/// <summary>The non-seasonal order of an ARIMA model: AR order p, differences d, MA order q.</summary>
/// <param name="P">Autoregressive order p (lags 1..p).</param>
/// <param name="D">Number of first differences d.</param>
/// <param name="Q">Moving-average order q (lags 1..q).</param>
public readonly record struct ArimaOrder(int P, int D, int Q)
{
    /// <inheritdoc />
    public override string ToString() => $"({P},{D},{Q})";
}
