using System.Collections.Immutable;

namespace SmartGrid.Consensus.Efficiency;

/// <summary>
/// The efficiency scores E(v) in force at one height, in ppm (0..1,000,000), in validator order.
/// Every honest validator holds the same table at the same height, because it is a function of
/// committed blocks only.
/// </summary>
public sealed class EfficiencyTable
{
    /// <summary>Creates a table from scores in validator order.</summary>
    /// <exception cref="ArgumentException">A score is above 1,000,000.</exception>
    public EfficiencyTable(ImmutableArray<uint> scores)
    {
        if (scores.IsDefaultOrEmpty || scores.Any(s => s > EfficiencyParameters.Scale))
        {
            throw new ArgumentException($"a table holds one score in 0..{EfficiencyParameters.Scale} per validator", nameof(scores));
        }

        Scores = scores;
    }

    /// <summary>The scores, ppm, in validator order.</summary>
    public ImmutableArray<uint> Scores { get; }

    /// <summary>A table giving every one of <paramref name="count"/> validators the score 1.0 (the genesis table).</summary>
    public static EfficiencyTable Uniform(int count) =>
        new([.. Enumerable.Repeat((uint)EfficiencyParameters.Scale, count)]);

    /// <summary>Whether <paramref name="claim"/> is exactly this table.</summary>
    public bool Matches(ImmutableArray<uint> claim) => !claim.IsDefault && claim.AsSpan().SequenceEqual(Scores.AsSpan());

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', Scores.Select(s => (s / 10_000.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
}
