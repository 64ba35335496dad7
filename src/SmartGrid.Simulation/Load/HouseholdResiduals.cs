using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// How one real household departs from its archetype, split the way the model splits it:
/// a day factor (daily energy / expected), a habit (the household's own mean share of each
/// quarter-hour relative to the archetype's, the same every day) and a transient noise (what is
/// left, quarter-hour by quarter-hour).
/// </summary>
/// <param name="DayVariance">Variance of daily energy / expected daily energy.</param>
/// <param name="HabitVariance">Variance of the habit factor over the 96 slots, sampling noise (transient variance / days) removed.</param>
/// <param name="HabitLag1">Gaussian-rank lag-1 correlation of the habit from slot to slot (around the clock).</param>
/// <param name="NoiseVariance">Variance of the transient factor (from its upper tail, as a log-normal).</param>
/// <param name="NoiseLag1">Gaussian-rank lag-1 correlation of the transient factor within days.</param>
internal sealed record HouseholdResiduals(double DayVariance, double HabitVariance, double HabitLag1, double NoiseVariance, double NoiseLag1)
{
    private const int SlotsPerDay = LoadModelParameters.SlotsPerDay;
    private const double VarianceFloor = 1e-3;

    /// <summary>Analyses one household.</summary>
    /// <param name="values">Its quarter-hour series (non-negative).</param>
    /// <param name="dayTypes">Day type of each day.</param>
    /// <param name="shares">Archetype share of each slot in the day's energy, per day type (each row sums to 1).</param>
    /// <param name="expectedDayEnergy">Expected energy of each day (level × day-type mean × seasonal factor).</param>
    /// <param name="maximumSigma">Cap of the log-normal sigma of the transient factor.</param>
    public static HouseholdResiduals Analyse(double[] values, DayType[] dayTypes, double[][] shares, double[] expectedDayEnergy, double maximumSigma)
    {
        var days = dayTypes.Length;
        var dayEnergy = new double[days];
        for (var d = 0; d < days; d++)
        {
            dayEnergy[d] = values.AsSpan(d * SlotsPerDay, SlotsPerDay).ToArray().Sum();
        }

        var dayVariance = dayEnergy.Select((e, d) => e / expectedDayEnergy[d]).PopulationVariance();

        // u = energy / (day energy × archetype share); habit = mean of u per slot over the days with energy.
        var u = new double[days, SlotsPerDay];
        var habit = new double[SlotsPerDay];
        var usedDays = 0;
        for (var d = 0; d < days; d++)
        {
            if (dayEnergy[d] <= 0)
            {
                continue;
            }

            usedDays++;
            var row = shares[(int)dayTypes[d]];
            for (var s = 0; s < SlotsPerDay; s++)
            {
                u[d, s] = row[s] > 0 ? values[(d * SlotsPerDay) + s] / (dayEnergy[d] * row[s]) : double.NaN;
                if (!double.IsNaN(u[d, s]))
                {
                    habit[s] += u[d, s];
                }
            }
        }

        if (usedDays == 0)
        {
            return new HouseholdResiduals(Math.Max(VarianceFloor, dayVariance), VarianceFloor, 0, VarianceFloor, 0);
        }

        for (var s = 0; s < SlotsPerDay; s++)
        {
            habit[s] /= usedDays;
        }

        // Transient factor: u / habit, with the pairs of consecutive slots of a day.
        var transient = new List<double>(usedDays * SlotsPerDay);
        var pairs = new List<(int First, int Second)>(usedDays * SlotsPerDay);
        for (var d = 0; d < days; d++)
        {
            if (dayEnergy[d] <= 0)
            {
                continue;
            }

            var previous = -1;
            for (var s = 0; s < SlotsPerDay; s++)
            {
                if (double.IsNaN(u[d, s]) || habit[s] <= 0)
                {
                    previous = -1;
                    continue;
                }

                if (previous >= 0)
                {
                    pairs.Add((previous, transient.Count));
                }

                previous = transient.Count;
                transient.Add(u[d, s] / habit[s]);
            }
        }

        var sigma = UpperTailSigma(transient, maximumSigma);
        var noiseVariance = Math.Exp(sigma * sigma) - 1;
        var habitMean = habit.Average();
        var habitVariance = (habit.PopulationVariance() / (habitMean * habitMean)) - (transient.PopulationVariance() / usedDays);
        var habitPairs = Enumerable.Range(0, SlotsPerDay).Select(s => (s, (s + 1) % SlotsPerDay)).ToList();
        return new HouseholdResiduals(
            Math.Max(VarianceFloor, dayVariance),
            Math.Max(VarianceFloor, habitVariance),
            GaussianRankLag1([.. habit], habitPairs),
            Math.Max(VarianceFloor, noiseVariance),
            GaussianRankLag1(transient, pairs));
    }

    /// <summary>
    /// Log-normal sigma from the upper half of a sample: ln(Q90 / Q50) / z(0.9). The upper half is
    /// what daily peaks are made of; it is robust to the zeros of coarse meters and to rare
    /// extreme values that would dominate a variance. Capped (also when Q50 is zero).
    /// </summary>
    private static double UpperTailSigma(List<double> sample, double maximumSigma)
    {
        if (sample.Count < 10)
        {
            return 0;
        }

        var sorted = sample.Order().ToArray();
        var median = SortedArrayStatistics.QuantileCustom(sorted, 0.5, QuantileDefinition.R7);
        var upper = SortedArrayStatistics.QuantileCustom(sorted, 0.9, QuantileDefinition.R7);
        return median <= 0 ? maximumSigma : Math.Min(maximumSigma, Math.Log(upper / median) / Normal.InvCDF(0, 1, 0.9));
    }

    /// <summary>
    /// Lag-1 correlation of the normal scores of a sample (ranks mapped through the inverse normal,
    /// ties averaged): for a log-normal factor it is the correlation of the underlying Gaussian.
    /// </summary>
    private static double GaussianRankLag1(List<double> sample, List<(int First, int Second)> pairs)
    {
        if (pairs.Count < 3)
        {
            return 0;
        }

        var ranks = Statistics.Ranks(sample, RankDefinition.Average);
        var scores = ranks.Select(r => Normal.InvCDF(0, 1, (r - 0.5) / sample.Count)).ToArray();
        var correlation = Correlation.Pearson(pairs.Select(p => scores[p.First]), pairs.Select(p => scores[p.Second]));
        return double.IsFinite(correlation) ? correlation : 0;
    }
}
