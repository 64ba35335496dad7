namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// Maps unconstrained reals onto the coefficients of a stationary polynomial
/// <c>1 − c₁B − … − c_kB^k</c> and back (Monahan 1984 / Jones 1980, as statsmodels'
/// <c>constrain_stationary_univariate</c>): each real u becomes a partial autocorrelation
/// r = u / √(1 + u²) in (−1, 1), and the Durbin–Levinson recursion turns the r's into
/// coefficients. Every real vector gives a stationary (for MA: invertible, with the sign flipped)
/// polynomial, so the optimiser cannot leave the admissible region.
/// </summary>
internal static class StationaryTransform
{
    /// <summary>Unconstrained values to stationary AR coefficients.</summary>
    public static void Constrain(ReadOnlySpan<double> unconstrained, Span<double> coefficients)
    {
        var n = unconstrained.Length;
        Span<double> previous = stackalloc double[n];
        for (var k = 0; k < n; k++)
        {
            var r = unconstrained[k] / Math.Sqrt(1 + (unconstrained[k] * unconstrained[k]));
            for (var i = 0; i < k; i++)
            {
                coefficients[i] = previous[i] + (r * previous[k - i - 1]);
            }

            coefficients[k] = r;
            coefficients[..(k + 1)].CopyTo(previous);
        }

        for (var i = 0; i < n; i++)
        {
            coefficients[i] = -coefficients[i];
        }
    }

    /// <summary>
    /// Stationary AR coefficients back to unconstrained values; false when the polynomial is not
    /// strictly stationary (a partial autocorrelation at or beyond ±1).
    /// </summary>
    public static bool TryUnconstrain(ReadOnlySpan<double> coefficients, Span<double> unconstrained)
    {
        var n = coefficients.Length;
        Span<double> current = stackalloc double[n];
        Span<double> next = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            current[i] = -coefficients[i];
        }

        for (var k = n - 1; k >= 0; k--)
        {
            var r = current[k];
            if (!(Math.Abs(r) < 1))
            {
                return false;
            }

            unconstrained[k] = r / Math.Sqrt(1 - (r * r));
            for (var i = 0; i < k; i++)
            {
                next[i] = (current[i] - (r * current[k - i - 1])) / (1 - (r * r));
            }

            next[..k].CopyTo(current);
        }

        return true;
    }
}
