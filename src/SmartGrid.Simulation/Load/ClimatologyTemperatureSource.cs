namespace SmartGrid.Simulation.Load;

/// <summary>
/// The assumed climate: monthly normal temperatures linearly interpolated between the 16th of
/// each month, plus a weather anomaly shared by the whole fleet, drawn from the seed as a moving
/// average over the last <see cref="ClimateParameters.AnomalyTaps"/> days (so a cold spell lasts a few
/// days). A pure function of (parameters, seed, date).
/// </summary>
public sealed class ClimatologyTemperatureSource : IDailyTemperatureSource
{
    private const ulong AnomalyStream = 0x57EA7E4A40A11E5UL;
    private readonly double[] _monthly;
    private readonly int[] _weights;
    private readonly double _anomalyPerUnit;
    private readonly ulong _key;

    /// <summary>Creates the source.</summary>
    /// <param name="climate">Normals and anomaly parameters.</param>
    /// <param name="seed">Seed of the anomaly; the same seed gives the same weather.</param>
    public ClimatologyTemperatureSource(ClimateParameters climate, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(climate);
        if (climate.MonthlyMeanC.IsDefault || climate.MonthlyMeanC.Length != 12)
        {
            throw new ArgumentException("Twelve monthly normals are needed.", nameof(climate));
        }

        _monthly = [.. climate.MonthlyMeanC];
        _weights = MovingAverageWeights.Create(climate.AnomalyPersistence, climate.AnomalyTaps);
        _anomalyPerUnit = climate.AnomalySdC / Math.Sqrt(CentredBytes.Variance * MovingAverageWeights.SumOfSquares(_weights));
        _key = SplitMix64.Mix(seed ^ AnomalyStream);
    }

    /// <inheritdoc />
    public double DailyMeanC(DateOnly localDate) => NormalC(localDate) + AnomalyC(localDate);

    /// <summary>The climatological normal of a day, without anomaly.</summary>
    public double NormalC(DateOnly localDate)
    {
        var mid = new DateOnly(localDate.Year, localDate.Month, 16);
        var (before, after) = localDate >= mid ? (mid, mid.AddMonths(1)) : (mid.AddMonths(-1), mid);
        var fraction = (double)(localDate.DayNumber - before.DayNumber) / (after.DayNumber - before.DayNumber);
        var from = _monthly[before.Month - 1];
        var to = _monthly[after.Month - 1];
        return from + ((to - from) * fraction);
    }

    /// <summary>The fleet-wide weather anomaly of a day.</summary>
    public double AnomalyC(DateOnly localDate)
    {
        long sum = 0;
        for (var k = 0; k < _weights.Length; k++)
        {
            sum += (long)_weights[k] * CentredBytes.Sum8(SplitMix64.At(_key, localDate.DayNumber - k));
        }

        return sum * _anomalyPerUnit;
    }
}
