namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// The lag structure of a multiplicative SARIMA and the map from its optimiser parameters to the
/// expanded polynomials: parameter vector = [μ if a mean is fitted, then p, q, P, Q unconstrained
/// values]; the AR groups go through <see cref="StationaryTransform"/>, the MA groups through the
/// same map with the sign flipped, so every parameter vector is stationary and invertible.
/// </summary>
internal sealed class ArimaStructure
{
    public ArimaStructure(ArimaOrder order, SeasonalOrder seasonal, bool includeMean)
    {
        Order = order;
        Seasonal = seasonal;
        IncludeMean = includeMean;
        var s = seasonal.IsSeasonal ? seasonal.Period : 0;
        ArSpan = order.P + (seasonal.P * s);
        MaSpan = order.Q + (seasonal.Q * s);
        ParameterCount = (includeMean ? 1 : 0) + order.P + order.Q + seasonal.P + seasonal.Q;
        Differences = Differencing.Coefficients(order.D, seasonal.D, s);
    }

    public ArimaOrder Order { get; }

    public SeasonalOrder Seasonal { get; }

    public bool IncludeMean { get; }

    /// <summary>Highest AR lag after expanding φ(B)Φ(B^s).</summary>
    public int ArSpan { get; }

    /// <summary>Highest MA lag after expanding θ(B)Θ(B^s).</summary>
    public int MaSpan { get; }

    public int ParameterCount { get; }

    /// <summary>The coefficients of the differencing operator δ(B).</summary>
    public double[] Differences { get; }

    /// <summary>Turns optimiser parameters into coefficients (the mean, φ, θ, Φ, Θ).</summary>
    public ArimaCoefficients Decode(ReadOnlySpan<double> parameters)
    {
        var i = 0;
        var mean = IncludeMean ? parameters[i++] : 0.0;
        var ar = Group(parameters, ref i, Order.P, 1);
        var ma = Group(parameters, ref i, Order.Q, -1);
        var sar = Group(parameters, ref i, Seasonal.P, 1);
        var sma = Group(parameters, ref i, Seasonal.Q, -1);
        return new ArimaCoefficients { Mean = mean, Ar = ar, Ma = ma, SeasonalAr = sar, SeasonalMa = sma };
    }

    /// <summary>
    /// Coefficients back to optimiser parameters; false when a polynomial is not strictly
    /// stationary or invertible.
    /// </summary>
    public bool TryEncode(ArimaCoefficients coefficients, Span<double> parameters)
    {
        var i = 0;
        if (IncludeMean)
        {
            parameters[i++] = coefficients.Mean;
        }

        return Ungroup(coefficients.Ar, 1, parameters, ref i)
            && Ungroup(coefficients.Ma, -1, parameters, ref i)
            && Ungroup(coefficients.SeasonalAr, 1, parameters, ref i)
            && Ungroup(coefficients.SeasonalMa, -1, parameters, ref i);
    }

    /// <summary>
    /// The expanded AR weights a[1..ArSpan] with <c>w̃(t) = Σ a_k w̃(t−k) + …</c>, and MA weights
    /// b[1..MaSpan] with <c>… + e(t) + Σ b_j e(t−j)</c> (index 0 unused).
    /// </summary>
    public (double[] Ar, double[] Ma) Expand(ArimaCoefficients c)
    {
        var s = Seasonal.Period;

        // 1 − Σ φ B^i times 1 − Σ Φ B^(js): the expanded coefficient of B^k, sign flipped to a weight.
        var ar = new double[ArSpan + 1];
        var ma = new double[MaSpan + 1];
        Multiply(c.Ar, c.SeasonalAr, s, -1, ar);
        Multiply(c.Ma, c.SeasonalMa, s, 1, ma);
        return (ar, ma);
    }

    /// <summary>
    /// The CSS residuals of the centred differenced series <paramref name="centred"/>:
    /// e(t) = 0 for t &lt; ArSpan, then <c>e(t) = w̃(t) − Σ a_k w̃(t−k) − Σ b_j e(t−j)</c>.
    /// Returns their sum of squares.
    /// </summary>
    public static double Residuals(ReadOnlySpan<double> centred, LagWeights ar, LagWeights ma, int start, Span<double> residuals)
    {
        residuals[..start].Clear();
        var sse = 0.0;
        for (var t = start; t < centred.Length; t++)
        {
            var value = centred[t];
            for (var i = 0; i < ar.Lags.Length; i++)
            {
                value -= ar.Weights[i] * centred[t - ar.Lags[i]];
            }

            for (var j = 0; j < ma.Lags.Length; j++)
            {
                var lag = ma.Lags[j];
                if (t - lag >= start)
                {
                    value -= ma.Weights[j] * residuals[t - lag];
                }
            }

            residuals[t] = value;
            sse += value * value;
        }

        return sse;
    }

    private static double[] Group(ReadOnlySpan<double> parameters, ref int i, int count, int sign)
    {
        var result = new double[count];
        StationaryTransform.Constrain(parameters.Slice(i, count), result);
        i += count;
        for (var k = 0; k < count; k++)
        {
            result[k] *= sign;
        }

        return result;
    }

    private static bool Ungroup(IReadOnlyList<double> coefficients, int sign, Span<double> parameters, ref int i)
    {
        Span<double> signed = stackalloc double[coefficients.Count];
        for (var k = 0; k < signed.Length; k++)
        {
            signed[k] = sign * coefficients[k];
        }

        var ok = StationaryTransform.TryUnconstrain(signed, parameters.Slice(i, signed.Length));
        i += signed.Length;
        return ok;
    }

    /// <summary>(1 + sign·Σ x_i B^i)(1 + sign·Σ X_j B^(js)), written as weights sign·coef into <paramref name="into"/>.</summary>
    private static void Multiply(IReadOnlyList<double> x, IReadOnlyList<double> seasonalX, int s, int sign, double[] into)
    {
        // With the polynomial sign convention p(B) = 1 + sign·Σ x B^i, the weight of lag k in the
        // recursion is (coefficient of B^k) / sign; the cross term x_i·X_j appears with sign².
        for (var i = 0; i < x.Count; i++)
        {
            into[i + 1] += x[i];
        }

        for (var j = 0; j < seasonalX.Count; j++)
        {
            into[(j + 1) * s] += seasonalX[j];
            for (var i = 0; i < x.Count; i++)
            {
                into[((j + 1) * s) + i + 1] += sign * x[i] * seasonalX[j];
            }
        }
    }
}
