using MathNet.Numerics.Distributions;

namespace SmartGrid.Analytics.Learning;

/// <summary>
/// Learns which alarm threshold on the theft score pays off, from inspection outcomes. Each round
/// the policy picks a threshold τ from a grid; every household with score ≥ τ is inspected at
/// cost C; a confirmed theft recovers its value V. The round's reward is the net value per
/// household of the fleet, <c>(Σ_{inspected} V − C·#inspected) / households</c>, and the policy
/// maximises its expectation.
/// </summary>
/// <remarks>
/// <para>
/// Policy: Gaussian Thompson sampling over the grid (seeded, so runs repeat exactly). Arm i's
/// reward is modelled as normal with mean m_i (the mean of its observed rewards) and variance
/// σ²/n_i, σ² the pooled variance of all observed rewards around their arm's mean; each round a
/// value is drawn per arm and the largest wins; arms never observed are played first, lowest
/// threshold first.
/// </para>
/// <para>
/// Side observations: inspecting at τ also reveals exactly what any higher threshold τ' would
/// have earned in the same round (its inspections are the subset with score ≥ τ'), so every
/// τ' ≥ τ is updated with that counterfactual reward. The lowest threshold explores everything;
/// higher ones learn only about themselves and those above them.
/// </para>
/// </remarks>
public sealed class AlarmThresholdPolicy
{
    private readonly double[] _thresholds;
    private readonly int[] _counts;
    private readonly double[] _sums;
    private readonly double[] _sumsOfSquares;
    private readonly Random _random;

    /// <summary>Creates the policy.</summary>
    /// <param name="thresholds">The grid of thresholds, strictly ascending and finite.</param>
    /// <param name="inspectionCost">Cost C of one inspection (positive, same unit as recovered value).</param>
    /// <param name="seed">Seed of the Thompson draws.</param>
    /// <exception cref="AnalyticsInputException">The grid is empty or not strictly ascending, or the cost is not positive.</exception>
    public AlarmThresholdPolicy(IReadOnlyList<double> thresholds, double inspectionCost, int seed)
    {
        if (thresholds.Count == 0)
        {
            throw new AnalyticsInputException("at least one threshold is needed.", nameof(thresholds));
        }

        for (var i = 0; i < thresholds.Count; i++)
        {
            if (!double.IsFinite(thresholds[i]) || (i > 0 && thresholds[i] <= thresholds[i - 1]))
            {
                throw new AnalyticsInputException($"thresholds must be finite and strictly ascending; thresholds[{i}] = {thresholds[i]}.", nameof(thresholds));
            }
        }

        if (!(inspectionCost > 0) || double.IsInfinity(inspectionCost))
        {
            throw new AnalyticsInputException($"inspectionCost must be positive and finite; got {inspectionCost}.", nameof(inspectionCost));
        }

        _thresholds = [.. thresholds];
        _counts = new int[thresholds.Count];
        _sums = new double[thresholds.Count];
        _sumsOfSquares = new double[thresholds.Count];
        _random = new Random(seed);
        InspectionCost = inspectionCost;
    }

    /// <summary>The threshold grid.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>Cost of one inspection.</summary>
    public double InspectionCost { get; }

    /// <summary>The arm with the highest mean observed reward (lowest index on ties; 0 before any round).</summary>
    public int BestArm
    {
        get
        {
            var best = 0;
            for (var i = 1; i < _thresholds.Length; i++)
            {
                if (_counts[i] > 0 && (_counts[best] == 0 || MeanReward(i) > MeanReward(best)))
                {
                    best = i;
                }
            }

            return best;
        }
    }

    /// <summary>Mean observed (or counterfactual) reward per household of an arm; NaN before any.</summary>
    public double MeanReward(int arm) => _counts[arm] > 0 ? _sums[arm] / _counts[arm] : double.NaN;

    /// <summary>Number of rounds that informed an arm.</summary>
    public int Observations(int arm) => _counts[arm];

    /// <summary>Chooses the arm (threshold index) for the next round.</summary>
    public int ChooseArm()
    {
        for (var i = 0; i < _thresholds.Length; i++)
        {
            if (_counts[i] == 0)
            {
                return i;
            }
        }

        var sigma = PooledStandardDeviation();
        var best = 0;
        var bestDraw = double.NegativeInfinity;
        for (var i = 0; i < _thresholds.Length; i++)
        {
            var draw = Normal.Sample(_random, MeanReward(i), sigma / Math.Sqrt(_counts[i]));
            if (draw > bestDraw)
            {
                (best, bestDraw) = (i, draw);
            }
        }

        return best;
    }

    /// <summary>
    /// Learns from the inspections of a round played with <paramref name="arm"/>; returns that arm's
    /// net reward per household.
    /// </summary>
    /// <param name="arm">The arm that was played.</param>
    /// <param name="inspections">Every household inspected this round (all with score ≥ the arm's threshold).</param>
    /// <param name="households">Households scored this round (the normalisation), at least 1.</param>
    /// <exception cref="AnalyticsInputException">The arm does not exist, households is below 1, or an inspection's score is below the threshold or a value is not finite.</exception>
    public double Learn(int arm, IReadOnlyList<Inspection> inspections, int households)
    {
        if (arm < 0 || arm >= _thresholds.Length)
        {
            throw new AnalyticsInputException($"arm must be in [0, {_thresholds.Length}); got {arm}.", nameof(arm));
        }

        if (households < 1)
        {
            throw new AnalyticsInputException($"households must be at least 1; got {households}.", nameof(households));
        }

        foreach (var inspection in inspections)
        {
            if (!double.IsFinite(inspection.Score) || !double.IsFinite(inspection.RecoveredValue) || inspection.Score < _thresholds[arm])
            {
                throw new AnalyticsInputException(
                    $"inspection with score {inspection.Score} and value {inspection.RecoveredValue} cannot come from threshold {_thresholds[arm]}.", nameof(inspections));
            }
        }

        for (var i = arm; i < _thresholds.Length; i++)
        {
            var reward = NetReward(_thresholds[i], inspections, InspectionCost) / households;
            _counts[i]++;
            _sums[i] += reward;
            _sumsOfSquares[i] += reward * reward;
        }

        return NetReward(_thresholds[arm], inspections, InspectionCost) / households;
    }

    /// <summary>Recovered value minus inspection cost of the inspections with score ≥ <paramref name="threshold"/>.</summary>
    public static double NetReward(double threshold, IEnumerable<Inspection> inspections, double inspectionCost)
    {
        var net = 0.0;
        foreach (var inspection in inspections.Where(i => i.Score >= threshold))
        {
            net += (inspection.ConfirmedTheft ? inspection.RecoveredValue : 0) - inspectionCost;
        }

        return net;
    }

    private double PooledStandardDeviation()
    {
        var squares = 0.0;
        var count = 0;
        for (var i = 0; i < _thresholds.Length; i++)
        {
            squares += _sumsOfSquares[i] - (_sums[i] * _sums[i] / _counts[i]);
            count += _counts[i];
        }

        var variance = count > _thresholds.Length ? squares / (count - _thresholds.Length) : 0;

        // A floor keeps the draws apart when early rounds happen to agree exactly.
        return Math.Sqrt(Math.Max(variance, 1e-12));
    }
}
