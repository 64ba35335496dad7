namespace SmartGrid.Simulation.Load;

/// <summary>
/// Integer moving-average weights w_k = round(4096 φ^k), k = 0..taps−1: a truncated AR(1)
/// filter whose output at step n depends only on the innovations of steps n−taps+1..n. With
/// integer innovations the weighted sum is exact, so a value never depends on where a
/// household's history started. φ^k is built by repeated multiplication (no Math.Pow), so the
/// weights are the same on every machine.
/// </summary>
internal static class MovingAverageWeights
{
    /// <summary>Weight of the newest innovation.</summary>
    public const int Scale = 4096;

    /// <summary>The integer weights for decay <paramref name="persistence"/> and <paramref name="taps"/> terms.</summary>
    public static int[] Create(double persistence, int taps)
    {
        var weights = new int[taps];
        var power = 1.0;
        for (var k = 0; k < taps; k++)
        {
            weights[k] = (int)Math.Round(Scale * power, MidpointRounding.AwayFromZero);
            power *= persistence;
        }

        return weights;
    }

    /// <summary>Lag-1 autocorrelation of the filter output for white innovations.</summary>
    public static double Lag1Correlation(int[] weights)
    {
        double cross = 0, square = 0;
        for (var k = 0; k < weights.Length; k++)
        {
            square += (double)weights[k] * weights[k];
            if (k + 1 < weights.Length)
            {
                cross += (double)weights[k] * weights[k + 1];
            }
        }

        return square == 0 ? 0 : cross / square;
    }

    /// <summary>Sum of squared weights, as a double.</summary>
    public static double SumOfSquares(int[] weights) => weights.Sum(w => (double)w * w);

    /// <summary>
    /// The decay (in [0, 1]) whose filter has lag-1 autocorrelation closest to <paramref name="target"/>;
    /// bisection, as the correlation grows with the decay.
    /// </summary>
    public static double PersistenceFor(double target, int taps)
    {
        double low = 0, high = 1;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            if (Lag1Correlation(Create(mid, taps)) < target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}
