using MathNet.Numerics.LinearAlgebra;

namespace SmartGrid.Analytics.Theft;

/// <summary>
/// The energy balance interval by interval: which member's readings explain the feeder's missing
/// energy over the day. For feeder g on day d the residual of interval t is
/// R_t = F_t·(1 − τ) − Σ_m y_(m,t), τ the feeder's technical loss ratio (<see cref="EnergyBalance"/>).
/// A tampered meter leaves a trace of a known form in R: h1 (y = a·x) leaves (1/a − 1)·y_t, a
/// multiple of the member's own readings; a reversal (h6, y = rev x) leaves rev(y)_t − y_t, which
/// steals nothing over the day and so is invisible to the daily balance. Each member offers these
/// two signatures; a greedy orthogonal matching pursuit picks, up to <see cref="MaximumPicks"/>
/// times, the signature that most reduces the weighted squared residual (weights 1/F_t², as the
/// technical loss scales with the load), refits the picked ones jointly by least squares, and stops
/// when the best reduction is below <see cref="MinimumGain"/> of the day's residual. Per member:
/// <see cref="TheftFeature.BalanceScaleFit"/> and <see cref="TheftFeature.BalanceReversalFit"/>, the
/// fitted coefficients (0 when not picked), and <see cref="TheftFeature.BalanceIntervalF"/>, log(1 + F)
/// with F the partial F statistic of its signatures in the final fit (for a member not picked, of
/// adding its best one). A feeder read per longer period and spread evenly (constant over blocks of
/// k intervals) is compared in blocks of k.
/// </summary>
internal static class IntervalBalance
{
    /// <summary>Largest number of signatures picked per feeder-day.</summary>
    public const int MaximumPicks = 4;

    /// <summary>A pick must remove at least this fraction of the day's weighted squared residual.</summary>
    public const double MinimumGain = 0.02;

    /// <summary>A day whose residual is within this fraction of the feeder in every interval (root mean square) is balanced: nobody is named.</summary>
    public const double BalancedDay = 1e-8;

    private const double CoefficientLimit = 10;

    /// <summary>The features of one feeder-day for its members, in member order (all zero when nothing can be said).</summary>
    /// <param name="feeder">Feeder energy per interval.</param>
    /// <param name="members">Each present member's reported readings (negative counted as zero); null when the member has no such day.</param>
    /// <param name="technical">Technical loss ratio τ.</param>
    /// <param name="block">Intervals per feeder reading (1 for a feeder read every interval).</param>
    public static (double Scale, double Reversal, double LogF)[] Fit(double[] feeder, IReadOnlyList<double[]?> members, double technical, int block)
    {
        var result = new (double Scale, double Reversal, double LogF)[members.Count];
        var n = feeder.Length / block;
        if (n < 4 || members.All(m => m is null))
        {
            return result;
        }

        var fed = Blocks(feeder, block);
        var floor = (1e-3 * fed.Average()) + 1e-12;
        var scale = fed.Select(f => 1 / (f + floor)).ToArray();
        var residual = new double[n];
        for (var b = 0; b < n; b++)
        {
            residual[b] = fed[b] * (1 - technical);
        }

        var candidates = new List<(int Member, int Kind, double[] Signature)>();
        for (var m = 0; m < members.Count; m++)
        {
            if (members[m] is not { } day)
            {
                continue;
            }

            var own = Blocks(day, block);
            var reversed = Blocks([.. day.Reverse()], block);
            for (var b = 0; b < n; b++)
            {
                residual[b] -= own[b];
            }

            candidates.Add((m, 0, Weighted(own, scale)));
            candidates.Add((m, 1, Weighted([.. reversed.Select((v, b) => v - own[b])], scale)));
        }

        var target = Weighted(residual, scale);
        var total = target.Sum(v => v * v);
        if (!(total > BalancedDay * BalancedDay * n))
        {
            return result;
        }

        var picked = new List<int>();
        var fitted = target;
        while (picked.Count < MaximumPicks)
        {
            var (best, gain) = BestCandidate(candidates, fitted, picked);
            if (best < 0 || gain < MinimumGain * total)
            {
                break;
            }

            picked.Add(best);
            (_, fitted) = LeastSquares(candidates, picked, target);
        }

        var (coefficients, final) = LeastSquares(candidates, picked, target);
        var sse = final.Sum(v => v * v);
        var noise = Math.Max(sse / Math.Max(1, n - picked.Count), 1e-12 * total);
        for (var m = 0; m < members.Count; m++)
        {
            if (members[m] is null)
            {
                continue;
            }

            var mine = picked.Where(c => candidates[c].Member == m).ToList();
            double extra;
            if (mine.Count == 0)
            {
                extra = BestCandidate(candidates, final, picked, m).Gain;
            }
            else
            {
                var others = picked.Except(mine).ToList();
                var (_, without) = LeastSquares(candidates, others, target);
                extra = without.Sum(v => v * v) - sse;
            }

            double scaleFit = 0, reversalFit = 0;
            for (var k = 0; k < picked.Count; k++)
            {
                if (candidates[picked[k]].Member == m)
                {
                    var value = Math.Clamp(coefficients[k], -CoefficientLimit, CoefficientLimit);
                    if (candidates[picked[k]].Kind == 0)
                    {
                        scaleFit = value;
                    }
                    else
                    {
                        reversalFit = value;
                    }
                }
            }

            result[m] = (scaleFit, reversalFit, Math.Log(1 + (Math.Max(0, extra) / noise)));
        }

        return result;
    }

    /// <summary>
    /// Intervals per reading of a feeder: the largest divisor k of the day's length such that every
    /// day is constant over its blocks of k (a feeder read per interval gives 1).
    /// </summary>
    public static int BlockLength(IReadOnlyList<double[]> days, int n)
    {
        for (var k = n; k > 1; k--)
        {
            if (n % k == 0 && days.All(day => ConstantOver(day, k)))
            {
                return k;
            }
        }

        return 1;
    }

    private static bool ConstantOver(double[] day, int k)
    {
        for (var start = 0; start < day.Length; start += k)
        {
            for (var t = start + 1; t < start + k; t++)
            {
                if (Math.Abs(day[t] - day[start]) > 1e-9 * (Math.Abs(day[start]) + 1e-9))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The candidate (optionally only <paramref name="member"/>'s) not yet picked that most reduces the squared residual, and by how much.</summary>
    private static (int Index, double Gain) BestCandidate(List<(int Member, int Kind, double[] Signature)> candidates, double[] residual, List<int> picked, int member = -1)
    {
        var best = -1;
        var bestGain = 0.0;
        for (var c = 0; c < candidates.Count; c++)
        {
            if (picked.Contains(c) || (member >= 0 && candidates[c].Member != member))
            {
                continue;
            }

            var s = candidates[c].Signature;
            double cross = 0, square = 0;
            for (var b = 0; b < s.Length; b++)
            {
                cross += s[b] * residual[b];
                square += s[b] * s[b];
            }

            var gain = square > 1e-18 ? cross * cross / square : 0;
            if (gain > bestGain)
            {
                best = c;
                bestGain = gain;
            }
        }

        return (best, bestGain);
    }

    /// <summary>Least-squares coefficients of <paramref name="target"/> on the picked signatures, and the residual.</summary>
    private static (double[] Coefficients, double[] Residual) LeastSquares(List<(int Member, int Kind, double[] Signature)> candidates, List<int> picked, double[] target)
    {
        if (picked.Count == 0)
        {
            return ([], (double[])target.Clone());
        }

        var n = target.Length;
        var design = Matrix<double>.Build.Dense(n, picked.Count, (b, k) => candidates[picked[k]].Signature[b]);
        var gram = design.TransposeThisAndMultiply(design);
        for (var k = 0; k < picked.Count; k++)
        {
            gram[k, k] += (1e-9 * gram[k, k]) + 1e-18;
        }

        var coefficients = gram.Cholesky().Solve(design.TransposeThisAndMultiply(Vector<double>.Build.Dense(target))).ToArray();
        var residual = (double[])target.Clone();
        for (var k = 0; k < picked.Count; k++)
        {
            var s = candidates[picked[k]].Signature;
            for (var b = 0; b < n; b++)
            {
                residual[b] -= coefficients[k] * s[b];
            }
        }

        return (coefficients, residual);
    }

    private static double[] Weighted(double[] values, double[] scale) => [.. values.Select((v, b) => v * scale[b])];

    private static double[] Blocks(double[] day, int block)
    {
        var sums = new double[day.Length / block];
        for (var t = 0; t < sums.Length * block; t++)
        {
            sums[t / block] += Math.Max(0, day[t]);
        }

        return sums;
    }
}
