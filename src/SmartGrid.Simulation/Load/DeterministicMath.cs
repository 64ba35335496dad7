using System.Runtime.CompilerServices;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// exp and ln from IEEE additions, multiplications and divisions only, so a result never
/// depends on the platform's math library: the load model must give bit-identical values on
/// every machine. Accuracy is within a few units in the last place (tests compare to Math).
/// </summary>
internal static class DeterministicMath
{
    // fdlibm's split of ln 2: the high part has trailing zero bits, so k * Ln2Hi is exact.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;
    private const double SmallestNormal = 2.2250738585072014E-308;

    // 1/(2n+1) for n = 0..12.
    private static readonly double[] LogCoefficients =
    [
        1, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23, 1.0 / 25,
    ];

    /// <summary>e raised to <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.782712893384)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.1332191019412)
        {
            return 0;
        }

        var k = Math.Round(x * InvLn2);
        var r = x - (k * Ln2Hi) - (k * Ln2Lo);

        // Taylor series to r^13 on |r| <= ln2/2 (truncation below 1e-17 relative), by Horner, unrolled.
        var p = (r * (1.0 / 6227020800)) + (1.0 / 479001600);
        p = (p * r) + (1.0 / 39916800);
        p = (p * r) + (1.0 / 3628800);
        p = (p * r) + (1.0 / 362880);
        p = (p * r) + (1.0 / 40320);
        p = (p * r) + (1.0 / 5040);
        p = (p * r) + (1.0 / 720);
        p = (p * r) + (1.0 / 120);
        p = (p * r) + (1.0 / 24);
        p = (p * r) + (1.0 / 6);
        p = (p * r) + 0.5;
        p = (p * r) + 1;
        p = (p * r) + 1;
        return ScaleByPowerOfTwo(p, (int)k);
    }

    /// <summary>Natural logarithm of <paramref name="x"/>; NaN below zero, −∞ at zero.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        var exponentShift = 0;
        if (x < SmallestNormal)
        {
            x *= 18014398509481984.0; // 2^54, exact: lifts subnormals into the normal range
            exponentShift = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023 + exponentShift;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // [1, 2)
        if (m > Sqrt2)
        {
            m /= 2;
            e++;
        }

        // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: odd series to s^25, by Horner in s^2.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var series = LogCoefficients[^1];
        for (var i = LogCoefficients.Length - 2; i >= 0; i--)
        {
            series = (series * s2) + LogCoefficients[i];
        }

        return (e * Ln2Hi) + ((2 * s * series) + (e * Ln2Lo));
    }

    /// <summary>
    /// The standard normal quantile of <paramref name="p"/> in (0, 1) by Acklam's rational
    /// approximation (relative error below 1.2e-9, ample for sampling).
    /// </summary>
    public static double InverseNormal(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        const double Low = 0.02425;
        if (p < Low)
        {
            return Tail(Math.Sqrt(-2 * Log(p)));
        }

        if (p > 1 - Low)
        {
            return -Tail(Math.Sqrt(-2 * Log(1 - p)));
        }

        var q = p - 0.5;
        var r = q * q;
        var numerator = (((((((((-3.969683028665376e+01 * r) + 2.209460984245205e+02) * r) - 2.759285104469687e+02) * r) + 1.383577518672690e+02) * r) - 3.066479806614716e+01) * r) + 2.506628277459239e+00;
        var denominator = (((((((((-5.447609879822406e+01 * r) + 1.615858368580409e+02) * r) - 1.556989798598866e+02) * r) + 6.680131188771972e+01) * r) - 1.328068155288572e+01) * r) + 1;
        return numerator * q / denominator;

        static double Tail(double q)
        {
            var numerator = (((((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q) - 2.400758277161838e+00) * q) - 2.549732539343734e+00) * q) + 4.374664141464968e+00) * q) + 2.938163982698783e+00;
            var denominator = (((((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q) + 2.445134137142996e+00) * q) + 3.754408661907416e+00) * q) + 1;
            return numerator / denominator;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScaleByPowerOfTwo(double value, int k)
    {
        if (k > 1023)
        {
            return value * PowerOfTwo(1023) * PowerOfTwo(k - 1023);
        }

        if (k < -1022)
        {
            return value * PowerOfTwo(k + 1000) * PowerOfTwo(-1000);
        }

        return value * PowerOfTwo(k);
    }

    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
