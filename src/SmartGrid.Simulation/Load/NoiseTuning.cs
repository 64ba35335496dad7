using SmartGrid.Simulation.Data;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Simulated method of moments for the quarter-hour noise of one archetype: shifts its
/// ln noise variance and sets its persistence so that a synthetic group of its households,
/// simulated by the model itself over the calibration days with the observed temperatures,
/// has the mean daily peak-to-average ratio and the mean lag-1 autocorrelation of the real
/// households of the archetype. The moment estimates are the starting point; the simulation
/// corrects what a log-normal with moment-matched sigma gets wrong (real peaks are bounded by
/// appliance power, so the log-normal's upper tail is too heavy). Common random numbers
/// (a fixed seed) make the simulated moments smooth functions of the two parameters.
/// </summary>
internal static class NoiseTuning
{
    private const ulong TuningSeed = 0x7E57A8C4E7UL;
    private const int Rounds = 4;

    /// <summary>Targets of one archetype.</summary>
    public sealed record Targets(double PeakToAverage, double Lag1);

    /// <summary>Returns the archetype with tuned <see cref="ArchetypeParameters.NoiseLogVariance"/> and <see cref="ArchetypeParameters.NoisePersistence"/>.</summary>
    public static ArchetypeParameters Tune(LoadModelParameters all, ArchetypeParameters archetype, Targets targets,
        DailyTemperatureSeries temperatures, int households)
    {
        var logVariance = archetype.NoiseLogVariance;
        var persistence = archetype.NoisePersistence;
        for (var round = 0; round < Rounds; round++)
        {
            var fixedPersistence = persistence;
            logVariance = SolveIncreasing(x => Simulate(x, fixedPersistence).PeakToAverage - targets.PeakToAverage, logVariance, 0.5, -8, 6, 0.002 * targets.PeakToAverage);
            var fixedLogVariance = logVariance;
            persistence = SolveIncreasing(p => Simulate(fixedLogVariance, p).Lag1 - targets.Lag1, persistence, 0.1, 0, 1, 0.001);
        }

        return archetype with { NoiseLogVariance = logVariance, NoisePersistence = persistence };

        Targets Simulate(double noiseLogVariance, double noisePersistence)
        {
            var single = archetype with { Share = 1, NoiseLogVariance = noiseLogVariance, NoisePersistence = noisePersistence };
            var parameters = all with { Archetypes = [single] };
            var model = new HouseholdLoadModel(parameters, TuningSeed, new ObservedTemperatureSource(temperatures, new ClimatologyTemperatureSource(parameters.Climate, TuningSeed)));
            var start = LocalMidnight(model.TimeZone, temperatures.FirstDay);
            var series = new double[households][];
            for (var h = 0; h < households; h++)
            {
                var traits = model.CreateTraits(h);
                var state = default(HouseholdLoadState);
                series[h] = new double[temperatures.DayCount * LoadModelParameters.SlotsPerDay];
                model.FillIntervalsKWh(traits, ref state, start, HouseholdLoadModel.Resolution, series[h]);
            }

            var summary = LoadProfileStatistics.Summarise(series, temperatures.FirstDay);
            return new Targets(summary.MeanDailyPeakToAverage, summary.MeanLag1Autocorrelation);
        }
    }

    /// <summary>The UTC instant of local midnight starting <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset LocalMidnight(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// A root of an increasing function in [low, high]: brackets it by steps from <paramref name="start"/>,
    /// then narrows with the Illinois variant of regula falsi. Returns the nearer bound when there is no root.
    /// </summary>
    internal static double SolveIncreasing(Func<double, double> f, double start, double step, double low, double high, double tolerance)
    {
        const int MaxEvaluations = 30;
        var a = Math.Clamp(start, low, high);
        var fa = f(a);
        if (Math.Abs(fa) <= tolerance)
        {
            return a;
        }

        var direction = fa < 0 ? 1 : -1;
        var b = a;
        var fb = fa;
        var evaluations = 1;
        while (Math.Sign(fb) == Math.Sign(fa))
        {
            a = b;
            fa = fb;
            b = Math.Clamp(b + (direction * step), low, high);
            fb = f(b);
            evaluations++;
            if (Math.Abs(fb) <= tolerance)
            {
                return b;
            }

            if ((b == low || b == high) && Math.Sign(fb) == Math.Sign(fa))
            {
                return b;
            }

            step *= 2;
        }

        var side = 0;
        while (evaluations++ < MaxEvaluations)
        {
            var c = ((a * fb) - (b * fa)) / (fb - fa);
            var fc = f(c);
            if (Math.Abs(fc) <= tolerance)
            {
                return c;
            }

            if (Math.Sign(fc) == Math.Sign(fb))
            {
                b = c;
                fb = fc;
                if (side == -1)
                {
                    fa /= 2;
                }

                side = -1;
            }
            else
            {
                a = c;
                fa = fc;
                if (side == 1)
                {
                    fb /= 2;
                }

                side = 1;
            }
        }

        return Math.Abs(fa) < Math.Abs(fb) ? a : b;
    }
}
