namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// The differencing operator <c>δ(B) = (1 − B)^d (1 − B^s)^D = Σ c_k B^k</c> (c₀ = 1), applied as
/// <c>w(t) = Σ c_k y(t−k)</c> and undone as <c>y(t) = w(t) − Σ_{k≥1} c_k y(t−k)</c>.
/// </summary>
internal static class Differencing
{
    /// <summary>The coefficients c₀..c_K of δ(B), K = d + s·D.</summary>
    public static double[] Coefficients(int d, int seasonalD, int season)
    {
        double[] poly = [1.0];
        for (var i = 0; i < d; i++)
        {
            poly = Multiply(poly, 1);
        }

        for (var i = 0; i < seasonalD; i++)
        {
            poly = Multiply(poly, season);
        }

        return poly;
    }

    /// <summary>w(t) for t = K..n−1 (the first K values have no full difference).</summary>
    public static double[] Apply(ReadOnlySpan<double> y, double[] c)
    {
        var k = c.Length - 1;
        var w = new double[y.Length - k];
        for (var t = k; t < y.Length; t++)
        {
            var value = 0.0;
            for (var j = 0; j <= k; j++)
            {
                value += c[j] * y[t - j];
            }

            w[t - k] = value;
        }

        return w;
    }

    /// <summary>Multiplies a polynomial by (1 − B^lag).</summary>
    private static double[] Multiply(double[] poly, int lag)
    {
        var result = new double[poly.Length + lag];
        for (var i = 0; i < poly.Length; i++)
        {
            result[i] += poly[i];
            result[i + lag] -= poly[i];
        }

        return result;
    }
}
