namespace SmartGrid.Analytics.Learning;

/// <summary>
/// Discounted UCB (Garivier and Moulines 2008) over a fixed set of arms with rewards in [0, 1];
/// discount 1 is plain UCB1 (Auer et al. 2002). After each round every arm's discounted count and
/// reward sum are multiplied by γ, and the played arm's are increased by 1 and the reward, so old
/// evidence fades and the policy follows a household whose best forecaster changes. The next arm is
/// <c>argmax_i  S_i/N_i + c·√(ln(Σ_j N_j) / N_i)</c>, every arm once first, ties to the lowest
/// index: fully deterministic.
/// </summary>
public sealed class DiscountedUcb
{
    private readonly double[] _counts;
    private readonly double[] _sums;

    /// <summary>Creates the policy.</summary>
    /// <param name="arms">Number of arms (at least 1).</param>
    /// <param name="discount">γ in (0, 1]; 1 keeps all history.</param>
    /// <param name="exploration">c ≥ 0, the weight of the confidence bonus (√2 is UCB1's).</param>
    /// <exception cref="AnalyticsInputException">An argument is out of range.</exception>
    public DiscountedUcb(int arms, double discount = 1.0, double exploration = 1.4142135623730951)
    {
        if (arms < 1)
        {
            throw new AnalyticsInputException($"arms must be at least 1; got {arms}.", nameof(arms));
        }

        if (!(discount > 0 && discount <= 1))
        {
            throw new AnalyticsInputException($"discount must be in (0, 1]; got {discount}.", nameof(discount));
        }

        if (!(exploration >= 0) || double.IsInfinity(exploration))
        {
            throw new AnalyticsInputException($"exploration must be finite and not negative; got {exploration}.", nameof(exploration));
        }

        _counts = new double[arms];
        _sums = new double[arms];
        Discount = discount;
        Exploration = exploration;
    }

    /// <summary>Number of arms.</summary>
    public int Arms => _counts.Length;

    /// <summary>The discount γ.</summary>
    public double Discount { get; }

    /// <summary>The exploration weight c.</summary>
    public double Exploration { get; }

    /// <summary>The arm with the highest estimated mean reward so far (lowest index on ties; 0 before any reward).</summary>
    public int BestArm
    {
        get
        {
            var best = 0;
            for (var i = 1; i < Arms; i++)
            {
                if (Mean(i) > Mean(best))
                {
                    best = i;
                }
            }

            return best;
        }
    }

    /// <summary>The discounted mean reward of <paramref name="arm"/> (NaN before it was played).</summary>
    public double Mean(int arm) => _counts[arm] > 0 ? _sums[arm] / _counts[arm] : double.NaN;

    /// <summary>The arm to play next.</summary>
    public int Select()
    {
        var total = 0.0;
        for (var i = 0; i < Arms; i++)
        {
            if (_counts[i] <= 0)
            {
                return i;
            }

            total += _counts[i];
        }

        var best = 0;
        var bestIndex = double.NegativeInfinity;
        var logTotal = Math.Log(Math.Max(total, 1.0));
        for (var i = 0; i < Arms; i++)
        {
            var index = Mean(i) + (Exploration * Math.Sqrt(logTotal / _counts[i]));
            if (index > bestIndex)
            {
                (best, bestIndex) = (i, index);
            }
        }

        return best;
    }

    /// <summary>Records the reward (clipped to [0, 1]) of a round in which <paramref name="arm"/> was played.</summary>
    /// <exception cref="AnalyticsInputException">The arm does not exist or the reward is not finite.</exception>
    public void Record(int arm, double reward)
    {
        if (arm < 0 || arm >= Arms)
        {
            throw new AnalyticsInputException($"arm must be in [0, {Arms}); got {arm}.", nameof(arm));
        }

        if (!double.IsFinite(reward))
        {
            throw new AnalyticsInputException($"reward is {reward}: it must be finite.", nameof(reward));
        }

        for (var i = 0; i < Arms; i++)
        {
            _counts[i] *= Discount;
            _sums[i] *= Discount;
        }

        _counts[arm] += 1;
        _sums[arm] += Math.Clamp(reward, 0, 1);
    }
}
