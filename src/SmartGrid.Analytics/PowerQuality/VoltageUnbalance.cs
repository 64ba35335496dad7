namespace SmartGrid.Analytics.PowerQuality;

/// <summary>
/// Voltage unbalance: the ratio of the negative- to the positive-sequence component, in % (EN 50160 4.2.4:
/// at most 2 % for 95 % of a week's 10-minute values). Meters give RMS magnitudes without angles, so the
/// ratio is exact only from the three line-to-line voltages (IEC 61000-4-30 formula); from the phase-to-
/// neutral voltages it is an approximation that assumes the phases 120° apart.
/// </summary>
public static class VoltageUnbalance
{
    /// <summary>
    /// The exact negative-over-positive sequence ratio in % from the line-to-line voltage magnitudes:
    /// β = ΣU⁴ / (ΣU²)², u2 = √((1 − √(3 − 6β)) / (1 + √(3 − 6β))).
    /// </summary>
    /// <exception cref="AnalyticsInputException">A voltage is not positive, or the three cannot close a triangle.</exception>
    public static double FromLineVoltages(double u12, double u23, double u31)
    {
        RequirePositive(u12, u23, u31);
        double s2 = (u12 * u12) + (u23 * u23) + (u31 * u31);
        var beta = (Math.Pow(u12, 4) + Math.Pow(u23, 4) + Math.Pow(u31, 4)) / (s2 * s2);
        var root = 3 - (6 * beta);
        if (root < -1e-12)
        {
            throw new AnalyticsInputException($"line voltages {u12}, {u23}, {u31} cannot belong to one three-phase system (no triangle)", nameof(u12));
        }

        root = Math.Sqrt(Math.Max(0, root));
        return Math.Sqrt(Math.Max(0, (1 - root) / (1 + root))) * 100.0;
    }

    /// <summary>
    /// The negative-over-positive sequence ratio in % from phase-to-neutral magnitudes, assuming the phase
    /// angles are 120° apart: √(Ua² + Ub² + Uc² − UaUb − UbUc − UcUa) / (Ua + Ub + Uc). An approximation:
    /// a shifted neutral also turns the angles, which this cannot see.
    /// </summary>
    /// <exception cref="AnalyticsInputException">A voltage is not positive.</exception>
    public static double FromPhaseVoltages(double ua, double ub, double uc)
    {
        RequirePositive(ua, ub, uc);
        return PhaseApproximation(ua, ub, uc);
    }

    /// <summary>The phase voltage unbalance rate in %: the largest deviation of a phase from the mean of the three, over that mean.</summary>
    /// <exception cref="AnalyticsInputException">A voltage is not positive.</exception>
    public static double PhaseDeviationRate(double ua, double ub, double uc)
    {
        RequirePositive(ua, ub, uc);
        var mean = (ua + ub + uc) / 3;
        return Math.Max(Math.Abs(ua - mean), Math.Max(Math.Abs(ub - mean), Math.Abs(uc - mean))) / mean * 100.0;
    }

    /// <summary>The phase-to-neutral approximation without checks: a phase may be zero; NaN when all are.</summary>
    internal static double PhaseApproximation(double ua, double ub, double uc)
    {
        var sum = ua + ub + uc;
        if (sum <= 0)
        {
            return double.NaN;
        }

        var squares = (ua * ua) + (ub * ub) + (uc * uc) - (ua * ub) - (ub * uc) - (uc * ua);
        return Math.Sqrt(Math.Max(0, squares)) / sum * 100.0;
    }

    private static void RequirePositive(double a, double b, double c)
    {
        if (!(a > 0 && b > 0 && c > 0) || !double.IsFinite(a + b + c))
        {
            throw new AnalyticsInputException($"voltages must be positive and finite, not {a}, {b}, {c}", "voltages");
        }
    }
}
