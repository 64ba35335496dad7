using System.Collections.Immutable;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// The efficiency record of a validator set, advanced by committed blocks only: moving averages
/// of each validator's forecast accuracy, energy balance and completeness, and of its penalty
/// points from committed evidence. It yields the <see cref="EfficiencyTable"/> of the next height,
/// and remembers the tables, previous hashes and evidence of the last
/// <see cref="EfficiencyParameters.EvidenceHorizon"/> heights so evidence can be judged.
/// </summary>
/// <remarks>Integer arithmetic only: every validator that applies the same blocks holds the same numbers.</remarks>
public sealed class EfficiencyBook
{
    private readonly ValidatorSet _set;
    private readonly EfficiencyParameters _parameters;
    private readonly long[] _forecast;
    private readonly long[] _balance;
    private readonly long[] _completeness;
    private readonly long[] _penalty;
    private readonly Dictionary<ulong, (EfficiencyTable Table, Hash256 Previous)> _contexts = [];
    private readonly Dictionary<MisbehaviourKey, ulong> _punished = [];

    /// <summary>Starts the record of <paramref name="set"/> at height 1 above <paramref name="genesis"/>, every score 1.0.</summary>
    /// <exception cref="ArgumentException">The parameters are inconsistent.</exception>
    public EfficiencyBook(ValidatorSet set, EfficiencyParameters parameters, Hash256 genesis)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Defect() is { } defect)
        {
            throw new ArgumentException(defect, nameof(parameters));
        }

        _set = set;
        _parameters = parameters;
        _forecast = Filled(set.Count, EfficiencyParameters.Scale);
        _balance = Filled(set.Count, EfficiencyParameters.Scale);
        _completeness = Filled(set.Count, EfficiencyParameters.Scale);
        _penalty = new long[set.Count];
        Height = 1;
        Previous = genesis;
        Table = EfficiencyTable.Uniform(set.Count);
        _contexts[Height] = (Table, Previous);
    }

    /// <summary>The next height to commit.</summary>
    public ulong Height { get; private set; }

    /// <summary>Hash of the last committed block (the genesis hash before the first).</summary>
    public Hash256 Previous { get; private set; }

    /// <summary>The scores in force at <see cref="Height"/>.</summary>
    public EfficiencyTable Table { get; private set; }

    /// <summary>The parameters in force.</summary>
    public EfficiencyParameters Parameters => _parameters;

    /// <summary>The table and previous hash in force at <paramref name="height"/>, when it is within the horizon.</summary>
    public bool TryGetContext(ulong height, out EfficiencyTable table, out Hash256 previous)
    {
        var found = _contexts.TryGetValue(height, out var context);
        (table, previous) = found ? context : (null!, default);
        return found;
    }

    /// <summary>Whether the fault <paramref name="key"/> has already been punished by a committed block.</summary>
    public bool IsPunished(MisbehaviourKey key) => _punished.ContainsKey(key);

    /// <summary>
    /// Advances the record by the committed block of <see cref="Height"/>: its observations move
    /// the averages, its evidence adds penalty points, and the table of the next height is computed.
    /// </summary>
    /// <exception cref="ArgumentException">The block is not the next one or has not one observation per validator.</exception>
    public void Apply(ConsensusBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Height != Height || block.Previous != Previous || block.Observations.Length != _set.Count)
        {
            throw new ArgumentException($"{block} is not the next block of {_set} with one observation per validator", nameof(block));
        }

        var points = new long[_set.Count];
        foreach (var item in block.Evidence)
        {
            var key = item.Key;
            var offender = _set.IndexOf(key.Offender);
            if (offender >= 0 && _punished.TryAdd(key, block.Height))
            {
                points[offender] += item.Kind == MisbehaviourKind.InvalidProposal ? _parameters.InvalidProposalPoints : _parameters.EquivocationPoints;
            }
        }

        var scores = ImmutableArray.CreateBuilder<uint>(_set.Count);
        for (var i = 0; i < _set.Count; i++)
        {
            var o = block.Observations[i];
            Average(ref _forecast[i], Reduced(o.ForecastErrorBp, _parameters.ForecastSlope));
            Average(ref _balance[i], Reduced(o.LossBp, _parameters.LossSlope));
            Average(ref _completeness[i], o.CompletenessBp * (EfficiencyParameters.Scale / EfficiencyObservation.Whole));
            Average(ref _penalty[i], points[i]);
            scores.Add(Score(i));
        }

        Height++;
        Previous = block.Hash;
        Table = new EfficiencyTable(scores.MoveToImmutable());
        _contexts[Height] = (Table, Previous);
        if (Height > (ulong)_parameters.EvidenceHorizon)
        {
            var oldest = Height - (ulong)_parameters.EvidenceHorizon;
            _contexts.Remove(oldest - 1);
            foreach (var stale in _punished.Where(p => p.Key.Height < oldest).Select(p => p.Key).ToList())
            {
                _punished.Remove(stale);
            }
        }
    }

    private uint Score(int i)
    {
        var weights = (long)_parameters.ForecastWeight + _parameters.BalanceWeight + _parameters.CompletenessWeight;
        var measured = ((_parameters.ForecastWeight * _forecast[i]) + (_parameters.BalanceWeight * _balance[i]) + (_parameters.CompletenessWeight * _completeness[i])) / weights;
        var behaviour = Math.Max(0, EfficiencyParameters.Scale - _penalty[i]);
        return (uint)Math.Clamp(measured * behaviour / EfficiencyParameters.Scale, 0, EfficiencyParameters.Scale);
    }

    private void Average(ref long average, long value) => average += (value - average) / _parameters.WindowHeights;

    private static long Reduced(uint bp, int slope) =>
        Math.Max(0, EfficiencyParameters.Scale - ((long)slope * bp * (EfficiencyParameters.Scale / EfficiencyObservation.Whole)));

    private static long[] Filled(int count, long value)
    {
        var array = new long[count];
        Array.Fill(array, value);
        return array;
    }
}
