using MathNet.Numerics.LinearAlgebra;

namespace SmartGrid.Analytics.Theft;

/// <summary>
/// Features from a Gaussian model of the household's own days, fitted leave-one-out (the day being
/// scored is not part of its own reference): a day is a vector of block values, its reference the
/// mean μ and covariance C of the household's other days, C shrunk halfway to its diagonal plus a
/// small ridge (49 days cannot fill a 48 × 48 covariance).
/// <list type="bullet">
/// <item><see cref="TheftFeature.ReversalDiscriminant"/>: the linear discriminant between the
/// household's days and the same days reversed (h6). In Hellinger coordinates (the square root of
/// the day's normalised half-hourly shape) the reversed class has mean Pμ and covariance PCP, P the
/// reversal; with the pooled covariance S = shrink((C + PCP)/2) the log-likelihood ratio of
/// "reversed" against "as recorded" is w·(v − (μ + Pμ)/2) with w = S⁻¹(Pμ − μ). It learns per
/// household which half-hours tell its mornings from its evenings, and how they co-vary.</item>
/// <item><see cref="TheftFeature.LevelShiftZ"/>: the generalised-least-squares estimate of a common
/// shift δ of the day's log hourly energies against the household's (h1 multiplies every hour by a,
/// so δ = log a), δ = 1ᵀS⁻¹(v − μ)/1ᵀS⁻¹1, divided by its standard error (1ᵀS⁻¹1)^−½: stable hours
/// (standby, nights) weigh more than the erratic ones, which the plain day total cannot do.</item>
/// </list>
/// </summary>
internal static class GaussianDayFeatures
{
    /// <summary>Weight of the diagonal in the shrunk covariance.</summary>
    public const double Shrinkage = 0.5;

    /// <summary>Ridge added to the covariance's diagonal, relative to its mean variance.</summary>
    public const double Ridge = 1e-3;

    /// <summary>Blocks of the reversal discriminant's day vector (half-hours; fewer when a day has fewer readings).</summary>
    public const int ReversalBlocks = 48;

    /// <summary>Blocks of the level shift's day vector (hours).</summary>
    public const int LevelBlocks = 24;

    /// <summary>Offset of the level shift's logs, as a fraction of the household's mean hourly energy (keeps empty hours finite).</summary>
    public const double LevelOffset = 0.1;

    public static void Compute(HouseholdStatistics statistics, double[][] days)
    {
        var count = statistics.Days;
        var reversal = new double[count];
        var level = new double[count];
        if (count >= 3)
        {
            var blocks = Math.Min(ReversalBlocks, statistics.N);
            var hellinger = days.Select(day => Hellinger(HouseholdStatistics.Blocks(day, blocks))).ToArray();
            reversal = ReversalDiscriminant(hellinger);
            var hours = Math.Min(LevelBlocks, statistics.N);
            var hourly = days.Select(day => HouseholdStatistics.Blocks(day, hours)).ToArray();
            var offset = (LevelOffset * hourly.Average(h => h.Average())) + 1e-9;
            level = LevelShift([.. hourly.Select(h => h.Select(v => Math.Log(v + offset)).ToArray())]);
        }

        statistics.Set(TheftFeature.ReversalDiscriminant, reversal);
        statistics.Set(TheftFeature.LevelShiftZ, level);
    }

    /// <summary>Square roots of the normalised block values (a day without energy is flat).</summary>
    public static double[] Hellinger(double[] blocks)
    {
        var total = blocks.Sum();
        return total > 0 ? [.. blocks.Select(b => Math.Sqrt(b / total))] : [.. blocks.Select(_ => Math.Sqrt(1.0 / blocks.Length))];
    }

    /// <summary>Log-likelihood ratio, reversed against as recorded, of each vector against the others (leave-one-out).</summary>
    public static double[] ReversalDiscriminant(double[][] vectors)
    {
        var result = new double[vectors.Length];
        var model = new LeaveOneOut(vectors);
        var b = vectors[0].Length;
        for (var d = 0; d < vectors.Length; d++)
        {
            var (mean, covariance) = model.Without(d);
            var pooled = Matrix<double>.Build.Dense(b, b, (i, j) => 0.5 * (covariance[i, j] + covariance[b - 1 - i, b - 1 - j]));
            var direction = Vector<double>.Build.Dense(b, i => mean[b - 1 - i] - mean[i]);
            var w = Shrink(pooled).Cholesky().Solve(direction);
            var score = 0.0;
            for (var i = 0; i < b; i++)
            {
                score += w[i] * (vectors[d][i] - (0.5 * (mean[i] + mean[b - 1 - i])));
            }

            result[d] = score;
        }

        return result;
    }

    /// <summary>The standardised GLS estimate of a common shift of each vector against the others (leave-one-out).</summary>
    public static double[] LevelShift(double[][] vectors)
    {
        var result = new double[vectors.Length];
        var model = new LeaveOneOut(vectors);
        var b = vectors[0].Length;
        var ones = Vector<double>.Build.Dense(b, 1.0);
        for (var d = 0; d < vectors.Length; d++)
        {
            var (mean, covariance) = model.Without(d);
            var weights = Shrink(covariance).Cholesky().Solve(ones);
            var information = weights.Sum();
            var shift = 0.0;
            for (var i = 0; i < b; i++)
            {
                shift += weights[i] * (vectors[d][i] - mean[i]);
            }

            result[d] = shift / Math.Sqrt(information);
        }

        return result;
    }

    /// <summary>(1 − s)·C + s·diag(C) + ridge·mean(diag C)·I, with a small absolute floor so an all-zero household stays solvable.</summary>
    private static Matrix<double> Shrink(Matrix<double> covariance)
    {
        var b = covariance.RowCount;
        var ridge = (Ridge * covariance.Diagonal().Average(v => Math.Max(v, 0))) + 1e-9;
        return Matrix<double>.Build.Dense(b, b, (i, j) => i == j ? Math.Max(covariance[i, i], 0) + ridge : (1 - Shrinkage) * covariance[i, j]);
    }

    /// <summary>
    /// Running sums of a set of vectors, so that the mean and covariance without any one of them cost
    /// O(b²); the vectors are centred on their overall mean first, which keeps the sums free of
    /// cancellation.
    /// </summary>
    private sealed class LeaveOneOut
    {
        private readonly double[][] _vectors;
        private readonly double[] _centre;
        private readonly double[] _sum;
        private readonly double[,] _scatter;

        public LeaveOneOut(double[][] raw)
        {
            var b = raw[0].Length;
            _centre = [.. Enumerable.Range(0, b).Select(i => raw.Average(v => v[i]))];
            var vectors = raw.Select(v => v.Select((x, i) => x - _centre[i]).ToArray()).ToArray();
            _vectors = vectors;
            _sum = new double[b];
            _scatter = new double[b, b];
            foreach (var v in vectors)
            {
                for (var i = 0; i < b; i++)
                {
                    _sum[i] += v[i];
                    for (var j = 0; j < b; j++)
                    {
                        _scatter[i, j] += v[i] * v[j];
                    }
                }
            }
        }

        public (double[] Mean, Matrix<double> Covariance) Without(int d)
        {
            var v = _vectors[d];
            var b = v.Length;
            var n = _vectors.Length - 1;
            var mean = new double[b];
            for (var i = 0; i < b; i++)
            {
                mean[i] = (_sum[i] - v[i]) / n;
            }

            var covariance = Matrix<double>.Build.Dense(b, b, (i, j) => (_scatter[i, j] - (v[i] * v[j]) - (n * mean[i] * mean[j])) / (n - 1));
            for (var i = 0; i < b; i++)
            {
                mean[i] += _centre[i];
            }

            return (mean, covariance);
        }
    }
}
