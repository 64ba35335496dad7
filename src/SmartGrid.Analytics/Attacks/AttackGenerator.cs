namespace SmartGrid.Analytics.Attacks;

/// <summary>
/// Draws attacks from a seed: the same seed and the same sequence of calls give the same attacks.
/// Laws: a, g_t ~ U(0.1, 0.8); h2 window length L uniform over the whole numbers of intervals from
/// 4 hours to 12 hours (N/6 to N/2 intervals, at least 1), then its start uniform over
/// [0, N − L], so the window always lies inside the day; offset f ~ U(0.2, 0.8); cap β ~ U(0.2, 0.6);
/// ramp r ~ U(0.3, 0.9).
/// </summary>
public sealed class AttackGenerator
{
    /// <summary>Lower bound of a and g_t.</summary>
    public const double MinimumFactor = 0.1;

    /// <summary>Upper bound of a and g_t.</summary>
    public const double MaximumFactor = 0.8;

    private readonly Random _random;

    /// <summary>Creates a generator drawing from <paramref name="seed"/>.</summary>
    public AttackGenerator(int seed) => _random = new Random(seed);

    /// <summary>Readings per day at <paramref name="interval"/> (24, 48, 96 for 60, 30, 15 minutes).</summary>
    /// <exception cref="AnalyticsInputException">The interval does not divide a day into whole intervals.</exception>
    public static int IntervalsPerDay(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || TimeSpan.TicksPerDay % interval.Ticks != 0)
        {
            throw new AnalyticsInputException($"an interval of {interval} does not divide a day", nameof(interval));
        }

        return (int)(TimeSpan.TicksPerDay / interval.Ticks);
    }

    /// <summary>Shortest h2 window, in intervals, for a day of <paramref name="intervalsPerDay"/> (4 hours).</summary>
    public static int MinimumWindow(int intervalsPerDay) => Math.Max(1, intervalsPerDay / 6);

    /// <summary>Longest h2 window, in intervals, for a day of <paramref name="intervalsPerDay"/> (12 hours).</summary>
    public static int MaximumWindow(int intervalsPerDay) => Math.Max(MinimumWindow(intervalsPerDay), intervalsPerDay / 2);

    /// <summary>Draws the parameters of an attack of <paramref name="type"/> on a day of <paramref name="intervalsPerDay"/> readings.</summary>
    /// <exception cref="AnalyticsInputException">Fewer than 2 intervals a day.</exception>
    public AttackParameters Draw(AttackType type, int intervalsPerDay)
    {
        if (intervalsPerDay < 2)
        {
            throw new AnalyticsInputException("a day must hold at least 2 readings", nameof(intervalsPerDay));
        }

        switch (type)
        {
            case AttackType.H1Scale:
                return new AttackParameters(type, Uniform(MinimumFactor, MaximumFactor), 0, 0, []);
            case AttackType.H2ZeroWindow:
                var length = _random.Next(MinimumWindow(intervalsPerDay), MaximumWindow(intervalsPerDay) + 1);
                var start = _random.Next(0, intervalsPerDay - length + 1);
                return new AttackParameters(type, 0, start, start + length - 1, []);
            case AttackType.H3RandomScale:
            case AttackType.H4RandomMean:
                var factors = new double[intervalsPerDay];
                for (var t = 0; t < factors.Length; t++)
                {
                    factors[t] = Uniform(MinimumFactor, MaximumFactor);
                }

                return new AttackParameters(type, 0, 0, 0, factors);
            case AttackType.H5Mean:
            case AttackType.H6Reversal:
                return new AttackParameters(type, 0, 0, 0, []);
            case AttackType.Offset:
                return new AttackParameters(type, Uniform(0.2, 0.8), 0, 0, []);
            case AttackType.Cap:
                return new AttackParameters(type, Uniform(0.2, 0.6), 0, 0, []);
            case AttackType.Ramp:
                return new AttackParameters(type, Uniform(0.3, 0.9), 0, 0, []);
            default:
                throw new AnalyticsInputException($"unknown attack type {type}", nameof(type));
        }
    }

    /// <summary>Draws an attack of <paramref name="type"/> and applies it to <paramref name="day"/>.</summary>
    public AttackedDay Attack(AttackType type, ReadOnlySpan<double> day)
    {
        var parameters = Draw(type, day.Length);
        return new AttackedDay(parameters, FalseDataInjection.Apply(parameters, day));
    }

    /// <summary>Picks one of <paramref name="types"/> uniformly.</summary>
    public AttackType Pick(IReadOnlyList<AttackType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count == 0)
        {
            throw new AnalyticsInputException("no attack types to pick from", nameof(types));
        }

        return types[_random.Next(types.Count)];
    }

    /// <summary>A uniform draw in [0, 1), for callers that share this generator's stream.</summary>
    public double NextUnit() => _random.NextDouble();

    private double Uniform(double low, double high) => low + ((high - low) * _random.NextDouble());
}
