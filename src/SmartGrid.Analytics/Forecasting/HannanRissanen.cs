using MathNet.Numerics.LinearAlgebra;

namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Starting values for the CSS fit by the Hannan–Rissanen method: (1) a long autoregression
/// fitted by least squares gives residuals ê(t); (2) least squares of w̃(t) on w̃ at the AR lags
/// {1..p, s..P·s} and ê at the MA lags {1..q, s..Q·s} gives φ, Φ, θ, Θ (the seasonal cross
/// terms are left out, so this is an approximation the CSS fit then refines). A pure AR model
/// skips step 1. Each polynomial is shrunk towards zero until it is strictly stationary or
/// invertible; if least squares cannot be solved the start is all zeros.
/// </summary>
internal static class HannanRissanen
{
    public static ArimaCoefficients Start(double[] centred, ArimaStructure structure, double mean)
    {
        var order = structure.Order;
        var seasonal = structure.Seasonal;
        var s = seasonal.Period;
        var arLags = Lags(order.P, seasonal.P, s);
        var maLags = Lags(order.Q, seasonal.Q, s);
        var zero = new ArimaCoefficients
        {
            Mean = mean,
            Ar = new double[order.P],
            Ma = new double[order.Q],
            SeasonalAr = new double[seasonal.P],
            SeasonalMa = new double[seasonal.Q],
        };
        if (arLags.Length + maLags.Length == 0)
        {
            return zero;
        }

        var n = centred.Length;
        var residuals = new double[n];
        var skip = 0;
        if (maLags.Length > 0)
        {
            var longOrder = Math.Min((n - 1) / 3, Math.Max(arLags.LastOrDefault(), maLags[^1]) + 10);
            var longLags = Enumerable.Range(1, Math.Max(longOrder, 1)).ToArray();
            var phi = LeastSquares(centred, longLags, [], residuals, longOrder);
            if (phi is null)
            {
                return zero;
            }

            for (var t = longOrder; t < n; t++)
            {
                var value = centred[t];
                for (var k = 0; k < longLags.Length; k++)
                {
                    value -= phi[k] * centred[t - longLags[k]];
                }

                residuals[t] = value;
            }

            skip = longOrder;
        }

        var first = skip + Math.Max(arLags.LastOrDefault(), maLags.LastOrDefault());
        var beta = LeastSquares(centred, arLags, maLags, residuals, first);
        if (beta is null)
        {
            return zero;
        }

        var byLag = new Dictionary<int, double>();
        var ma = new Dictionary<int, double>();
        for (var k = 0; k < arLags.Length; k++)
        {
            byLag[arLags[k]] = beta[k];
        }

        for (var k = 0; k < maLags.Length; k++)
        {
            ma[maLags[k]] = beta[arLags.Length + k];
        }

        return new ArimaCoefficients
        {
            Mean = mean,
            Ar = Stationary(Pick(byLag, order.P, 1), 1),
            Ma = Stationary(Pick(ma, order.Q, 1), -1),
            SeasonalAr = Stationary(Pick(byLag, seasonal.P, s, skipBelow: order.P), 1),
            SeasonalMa = Stationary(Pick(ma, seasonal.Q, s, skipBelow: order.Q), -1),
        };
    }

    private static int[] Lags(int count, int seasonalCount, int s)
    {
        var lags = new SortedSet<int>(Enumerable.Range(1, count));
        for (var j = 1; j <= seasonalCount; j++)
        {
            lags.Add(j * s);
        }

        return [.. lags];
    }

    private static double[] Pick(Dictionary<int, double> byLag, int count, int step, int skipBelow = 0)
    {
        var result = new double[count];
        for (var i = 1; i <= count; i++)
        {
            var lag = i * step;
            if (lag > skipBelow && byLag.TryGetValue(lag, out var value))
            {
                result[i - 1] = value;
            }
        }

        return result;
    }

    /// <summary>Shrinks a polynomial's coefficients towards zero until the transform accepts them.</summary>
    private static double[] Stationary(double[] coefficients, int sign)
    {
        Span<double> signed = stackalloc double[coefficients.Length];
        Span<double> scratch = stackalloc double[coefficients.Length];
        for (var attempt = 0; attempt < 40; attempt++)
        {
            for (var i = 0; i < signed.Length; i++)
            {
                signed[i] = sign * coefficients[i];
            }

            if (StationaryTransform.TryUnconstrain(signed, scratch))
            {
                return coefficients;
            }

            for (var i = 0; i < coefficients.Length; i++)
            {
                coefficients[i] *= 0.8;
            }
        }

        return new double[coefficients.Length];
    }

    /// <summary>OLS of y(t) on y at <paramref name="lags"/> and e at <paramref name="errorLags"/>, t ≥ first; null if not solvable.</summary>
    private static double[]? LeastSquares(double[] y, int[] lags, int[] errorLags, double[] errors, int first)
    {
        var rows = y.Length - first;
        var columns = lags.Length + errorLags.Length;
        if (rows < columns + 2)
        {
            return null;
        }

        var x = Matrix<double>.Build.Dense(rows, columns);
        var target = Vector<double>.Build.Dense(rows);
        for (var r = 0; r < rows; r++)
        {
            var t = first + r;
            target[r] = y[t];
            for (var k = 0; k < lags.Length; k++)
            {
                x[r, k] = y[t - lags[k]];
            }

            for (var k = 0; k < errorLags.Length; k++)
            {
                x[r, lags.Length + k] = errors[t - errorLags[k]];
            }
        }

        var solution = x.QR().Solve(target);
        return solution.All(double.IsFinite) ? solution.ToArray() : null;
    }
}
