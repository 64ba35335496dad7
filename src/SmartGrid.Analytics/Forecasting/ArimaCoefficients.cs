namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Fitted coefficients of <c>φ(B)Φ(B^s)(w(t) − μ) = θ(B)Θ(B^s)e(t)</c>, where w is the
/// differenced series, <c>φ(B) = 1 − φ₁B − … − φ_pB^p</c> and <c>θ(B) = 1 + θ₁B + … + θ_qB^q</c>
/// (the signs statsmodels uses), with the same forms at the seasonal lags.
/// </summary>
public sealed record ArimaCoefficients
{
    /// <summary>Mean μ of the differenced series (0 when the model has no mean).</summary>
    public double Mean { get; init; }

    /// <summary>φ₁..φ_p.</summary>
    public IReadOnlyList<double> Ar { get; init; } = [];

    /// <summary>θ₁..θ_q.</summary>
    public IReadOnlyList<double> Ma { get; init; } = [];

    /// <summary>Φ₁..Φ_P (at lags s..P·s).</summary>
    public IReadOnlyList<double> SeasonalAr { get; init; } = [];

    /// <summary>Θ₁..Θ_Q (at lags s..Q·s).</summary>
    public IReadOnlyList<double> SeasonalMa { get; init; } = [];

    /// <summary>Innovation variance: the conditional sum of squares over the number of residuals it sums.</summary>
    public double Sigma2 { get; init; }

    /// <summary>The minimised conditional sum of squares.</summary>
    public double SumOfSquares { get; init; }

    /// <summary>Number of residuals in the sum (differenced length minus the AR span).</summary>
    public int ResidualCount { get; init; }
}
