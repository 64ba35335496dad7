namespace SmartGrid.Simulation.Load;

/// <summary>An archetype's parameters in the form the hot path uses.</summary>
internal sealed class ArchetypeRuntime
{
    public ArchetypeRuntime(ArchetypeParameters parameters)
    {
        Parameters = parameters;
        Taps = MovingAverageWeights.Create(parameters.NoisePersistence, parameters.NoiseTaps);
        NoisePerUnit = 1 / Math.Sqrt(CentredBytes.Variance * MovingAverageWeights.SumOfSquares(Taps));
        HabitTaps = MovingAverageWeights.Create(parameters.HabitPersistence, parameters.HabitTaps);
        HabitPerUnit = 1 / Math.Sqrt(CentredBytes.Variance * MovingAverageWeights.SumOfSquares(HabitTaps));
        LogLevelKnots = [.. parameters.DailyEnergyQuantilesKWh.Select(DeterministicMath.Log)];
    }

    public ArchetypeParameters Parameters { get; }

    /// <summary>Integer moving-average weights of the quarter-hour noise, newest first.</summary>
    public int[] Taps { get; }

    /// <summary>Factor that turns the integer weighted sum into a unit-variance value.</summary>
    public double NoisePerUnit { get; }

    /// <summary>Integer moving-average weights of the habit pattern, newest first.</summary>
    public int[] HabitTaps { get; }

    /// <summary>Factor that turns the habit's integer weighted sum into a unit-variance value.</summary>
    public double HabitPerUnit { get; }

    /// <summary>ln of the level quantiles.</summary>
    public double[] LogLevelKnots { get; }

    /// <summary>ln E[exp(sigma · unit noise)] for this archetype's weights (exact for the integer innovations).</summary>
    public double LogMeanOfExp(double sigma)
    {
        var sum = 0.0;
        foreach (var w in Taps)
        {
            sum += CentredBytes.LogMomentPerByte(sigma * w * NoisePerUnit);
        }

        return 8 * sum;
    }
}
