using System.Collections.Immutable;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// A share of households that tamper with their meter from a given day on: each thief picks one of
/// <see cref="Types"/> (seeded) and applies it to every day it steals, with fresh parameters each day.
/// </summary>
public sealed record AttackerSpec
{
    /// <summary>Attack types by label: <c>h1</c>..<c>h6</c> (Jokar et al. 2016), <c>offset</c>, <c>cap</c>, <c>ramp</c>.</summary>
    public ImmutableArray<string> Types { get; init; } = [];

    /// <summary>Share of the households that steal, 0..1.</summary>
    public required double Fraction { get; init; }

    /// <summary>First simulated day (0-based) on which they steal. Default 0.</summary>
    public int FromDay { get; init; }

    /// <summary>Probability that a thief steals on a given day from <see cref="FromDay"/> on. Default 1 (every day).</summary>
    public double DayProbability { get; init; } = 1;
}
