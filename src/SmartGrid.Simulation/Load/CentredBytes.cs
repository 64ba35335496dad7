using System.Runtime.CompilerServices;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Near-Gaussian integers from random bits without floating point: the sum of the 8 bytes of a
/// 64-bit word minus its mean (1020), an Irwin-Hall variate with variance
/// <see cref="Variance"/>, excess kurtosis -0.15 and range ±1020. Exact integer arithmetic makes
/// weighted sums of them identical on every machine. The moment generating function is known
/// in closed form (<see cref="LogMomentPerByte"/>), so log-normal factors built on them can be
/// normalised to mean 1 exactly.
/// </summary>
internal static class CentredBytes
{
    /// <summary>Variance of <see cref="Sum8"/>: 8 × (256² − 1) / 12.</summary>
    public const double Variance = 8 * 65535.0 / 12.0;

    /// <summary>Sum of the 8 bytes of <paramref name="bits"/> minus 1020.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sum8(ulong bits)
    {
        unchecked
        {
            var pairs = (bits & 0x00FF00FF00FF00FFUL) + ((bits >> 8) & 0x00FF00FF00FF00FFUL);
            return (int)((pairs * 0x0001000100010001UL) >> 48) - 1020;
        }
    }

    /// <summary>A unit-variance near-Gaussian value from two random words (16 bytes, kurtosis -0.075).</summary>
    public static double Standard16(ulong a, ulong b) => (Sum8(a) + Sum8(b)) * InverseSd16;

    /// <summary>1 / standard deviation of the sum of two <see cref="Sum8"/> values.</summary>
    public static readonly double InverseSd16 = 1.0 / Math.Sqrt(2 * Variance);

    /// <summary>
    /// ln E[exp(t·(b − 127.5))] for one byte b uniform on 0..255: ln(sinh(128 t) / (256 sinh(t / 2))).
    /// A value built as Σ c_k · Sum8_k has ln E[exp(s·value)] = 8 Σ LogMomentPerByte(s·c_k).
    /// </summary>
    public static double LogMomentPerByte(double t)
    {
        if (t == 0)
        {
            return 0;
        }

        var a = Math.Abs(t);
        return LogSinh(128 * a) - DeterministicMath.Log(256 * Sinh(a / 2));
    }

    private static double LogSinh(double x) =>
        x > 20 ? x - DeterministicMath.Log(2) + DeterministicMath.Log(1 - DeterministicMath.Exp(-2 * x)) : DeterministicMath.Log(Sinh(x));

    private static double Sinh(double x)
    {
        if (x < 1e-3)
        {
            var x2 = x * x;
            return x * (1 + (x2 / 6 * (1 + (x2 / 20))));
        }

        var e = DeterministicMath.Exp(x);
        return (e - (1 / e)) / 2;
    }
}
