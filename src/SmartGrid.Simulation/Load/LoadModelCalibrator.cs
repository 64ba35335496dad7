using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.LinearRegression;
using MathNet.Numerics.Statistics;
using SmartGrid.Simulation.Data;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Fits <see cref="LoadModelParameters"/> to real quarter-hour data (the Swiss household data:
/// load, weather and, optionally, the heating survey). Deterministic: the same data and options
/// give the same parameters, which is how <see cref="LoadModelParameters.Default"/> was made and
/// how a test proves it. The steps are described in docs/LOAD_MODEL.md.
/// </summary>
public sealed class LoadModelCalibrator
{
    /// <summary>The data the default parameters come from, with its licence.</summary>
    public const string SwissDataSource =
        "ResidentialEnergyConsumption 1.1.0 (CRAN; University of Bamberg): elcons_15min, heatinginfo_15min, weather_data. Licence CC BY-SA 4.0.";

    private const int SlotsPerDay = LoadModelParameters.SlotsPerDay;

    /// <summary>Creates a calibrator.</summary>
    /// <param name="options">Choices not taken from the data; defaults when null.</param>
    public LoadModelCalibrator(LoadModelCalibratorOptions? options = null)
    {
        Options = options ?? new LoadModelCalibratorOptions();
        if (Options.ArchetypeCount < 1 || Options.ArchetypeCount > byte.MaxValue || Options.KMeansRestarts < 1
            || Options.LevelQuantiles < 2 || Options.NoiseTaps is < 1 or > 16 || Options.HabitTaps is < 1 or > 16
            || Options.AnomalyTaps is < 1 or > 32 || Options.TuningHouseholds < 1
            || Options.SignificantDigits is < 3 or > 17 || Options.MonthlyMeanC.IsDefault || Options.MonthlyMeanC.Length != 12)
        {
            throw new ArgumentException("Calibrator options out of range.", nameof(options));
        }
    }

    /// <summary>The options in use.</summary>
    public LoadModelCalibratorOptions Options { get; }

    /// <summary>
    /// Reads <c>elcons_15min_wNN.csv.gz</c>, <c>weather_data.csv.gz</c> and (if present)
    /// <c>heatinginfo_15min.csv.gz</c> from <paramref name="directory"/> and calibrates on them.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">The weather file is missing.</exception>
    /// <exception cref="LoadDataFormatException">A file is malformed.</exception>
    public LoadModelParameters CalibrateDirectory(string directory)
    {
        var load = SwissLoadDataReader.ReadDirectory(directory);
        var weatherPath = Path.Combine(directory, "weather_data.csv.gz");
        if (!File.Exists(weatherPath))
        {
            throw new FileNotFoundException("The weather file is missing.", weatherPath);
        }

        var weather = WeatherDataReader.ReadFile(weatherPath);
        var surveyPath = Path.Combine(directory, "heatinginfo_15min.csv.gz");
        var survey = File.Exists(surveyPath) ? HeatingSurveyReader.ReadFile(surveyPath) : null;
        return Calibrate(load, weather, survey);
    }

    /// <summary>Keeps the households fit for calibration and sets negative values to zero.</summary>
    /// <remarks>
    /// Left out: households whose every value is zero (vacant or disconnected), and households whose
    /// 99th percentile quarter-hour energy exceeds <see cref="LoadModelCalibratorOptions.NonResidentialQuarterHourKWh"/>.
    /// </remarks>
    public CleanedLoadData Clean(SwissLoadDataSet load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var ids = new List<long>();
        var series = new List<double[]>();
        var allZero = ImmutableArray.CreateBuilder<long>();
        var nonResidential = ImmutableArray.CreateBuilder<long>();
        var negatives = 0;
        for (var h = 0; h < load.HouseholdIds.Count; h++)
        {
            var values = load.Series(h).ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] < 0)
                {
                    negatives++;
                    values[i] = 0;
                }
            }

            if (values.All(v => v == 0))
            {
                allZero.Add(load.HouseholdIds[h]);
                continue;
            }

            var sorted = values.Order().ToArray();
            if (SortedArrayStatistics.QuantileCustom(sorted, 0.99, QuantileDefinition.R7) > Options.NonResidentialQuarterHourKWh)
            {
                nonResidential.Add(load.HouseholdIds[h]);
                continue;
            }

            ids.Add(load.HouseholdIds[h]);
            series.Add(values);
        }

        return new CleanedLoadData(load.FirstDay, load.DayCount, [.. ids], [.. series], allZero.ToImmutable(), nonResidential.ToImmutable(), negatives);
    }

    /// <summary>Daily mean temperatures of the data's days, gaps interpolated.</summary>
    public DailyTemperatureSeries DailyTemperatures(HourlyTemperatureData weather, DateOnly firstDay, int days)
    {
        ArgumentNullException.ThrowIfNull(weather);
        return DailyTemperatureSeries.FromHourly(weather.Hours, firstDay, days, Options.MinimumTemperatureHours);
    }

    /// <summary>Fits the parameters.</summary>
    /// <param name="load">The quarter-hour data.</param>
    /// <param name="weather">Hourly temperatures covering the same days.</param>
    /// <param name="survey">Heating survey; only used to describe the archetypes.</param>
    /// <exception cref="ArgumentException">Too few usable households for the number of archetypes.</exception>
    public LoadModelParameters Calibrate(SwissLoadDataSet load, HourlyTemperatureData weather, HeatingSurveyData? survey = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(weather);
        var clean = Clean(load);
        var temperatures = DailyTemperatures(weather, clean.FirstDay, clean.Days);
        var days = clean.Days;
        var dayTypes = Enumerable.Range(0, days).Select(d => DayTypeOf(clean.FirstDay.AddDays(d))).ToArray();
        var referenceC = temperatures.MeanC;
        var series = clean.Series;
        var levels = series.Select(s => s.Sum() / days).ToArray();

        var features = series.Select((s, h) => HourlyFeatures(s, levels[h], dayTypes)).ToArray();
        var clusters = KMeans.Cluster(features, Options.ArchetypeCount, Options.KMeansRestarts, Options.KMeansSeed);
        var members = Enumerable.Range(0, Options.ArchetypeCount)
            .Select(c => Enumerable.Range(0, series.Count).Where(h => clusters[h] == c).ToArray())
            .OrderByDescending(m => m.Length).ThenBy(m => m[0])
            .ToArray();

        var fits = members.Select(m => FitArchetype(m, series, levels, dayTypes, temperatures, referenceC)).ToArray();
        var referenceLevel = Round(Statistics.Median(levels));
        var logLevels = levels.Select(l => Math.Log(l / referenceLevel)).ToArray();
        var noise = FitLogVariance(members, logLevels, [.. fits.Select(f => f.Residuals.Select(r => r.NoiseVariance).ToArray())]);
        var habit = FitLogVariance(members, logLevels, [.. fits.Select(f => f.Residuals.Select(r => r.HabitVariance).ToArray())]);
        var day = FitLogVariance(members, logLevels, [.. fits.Select(f => f.Residuals.Select(r => r.DayVariance).ToArray())]);

        var archetypes = ImmutableArray.CreateBuilder<ArchetypeParameters>();
        for (var a = 0; a < members.Length; a++)
        {
            var fit = fits[a];
            archetypes.Add(new ArchetypeParameters
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"A{a + 1}"),
                Share = (double)members[a].Length / series.Count,
                Households = members[a].Length,
                NightShare = Round(NightShare(fit.Profiles[(int)DayType.Weekday])),
                SurveyedHeatingTypes = SurveyCounts(members[a], clean.HouseholdIds, survey),
                DailyEnergyQuantilesKWh = LevelQuantiles(members[a].Select(h => levels[h])),
                WeekdayProfile = [.. fit.Profiles[(int)DayType.Weekday].Select(Round)],
                SaturdayProfile = [.. fit.Profiles[(int)DayType.Saturday].Select(Round)],
                SundayProfile = [.. fit.Profiles[(int)DayType.Sunday].Select(Round)],
                TemperatureSlopePerC = Round(fit.Slope),
                NoiseLogVariance = Round(noise.Intercepts[a]),
                DayLogVariance = Round(day.Intercepts[a]),
                NoisePersistence = Round(MovingAverageWeights.PersistenceFor(Median(fit.Residuals, r => r.NoiseLag1), Options.NoiseTaps)),
                NoiseTaps = Options.NoiseTaps,
                HabitLogVariance = Round(habit.Intercepts[a]),
                HabitPersistence = Round(MovingAverageWeights.PersistenceFor(Median(fit.Residuals, r => r.HabitLag1), Options.HabitTaps)),
                HabitTaps = Options.HabitTaps,
            });
        }

        var files = ImmutableArray.CreateBuilder<DataFileInfo>();
        files.AddRange(load.Files);
        files.Add(weather.File);
        if (survey is not null)
        {
            files.Add(survey.File);
        }

        var initial = new LoadModelParameters
        {
            TimeZoneId = Options.TimeZoneId,
            ReferenceTemperatureC = Round(referenceC),
            HeatingLimitC = Options.HeatingLimitC,
            MinimumSeasonalFactor = Options.MinimumSeasonalFactor,
            ReferenceDailyEnergyKWh = referenceLevel,
            NoiseLevelExponent = Round(noise.Slope),
            NoiseScatter = Round(noise.ResidualSd),
            DayLevelExponent = Round(day.Slope),
            HabitLevelExponent = Round(habit.Slope),
            HabitScatter = Round(habit.ResidualSd),
            MaximumNoiseSigma = Options.MaximumNoiseSigma,
            Archetypes = archetypes.ToImmutable(),
            Climate = FitClimate(temperatures),
            Calibration = new CalibrationInfo
            {
                Source = SwissDataSource,
                Files = files.ToImmutable(),
                FirstDay = clean.FirstDay,
                Days = days,
                HouseholdsRead = load.HouseholdIds.Count,
                HouseholdsUsed = series.Count,
                ExcludedAllZero = clean.ExcludedAllZero,
                ExcludedNonResidential = clean.ExcludedNonResidential,
                NegativeValues = clean.NegativeValues,
                MeasuredTemperatureDays = temperatures.MeasuredDayCount,
                Options = Options,
            },
        };
        initial.EnsureValid();

        // Simulated method of moments: the noise of each archetype reproduces its real peaks and autocorrelation.
        var tuned = ImmutableArray.CreateBuilder<ArchetypeParameters>();
        for (var a = 0; a < members.Length; a++)
        {
            var real = LoadProfileStatistics.Summarise([.. members[a].Select(h => series[h])], clean.FirstDay);
            var targets = new NoiseTuning.Targets(real.MeanDailyPeakToAverage, real.MeanLag1Autocorrelation);
            var fit = NoiseTuning.Tune(initial, initial.Archetypes[a], targets, temperatures, Options.TuningHouseholds);
            tuned.Add(fit with { NoiseLogVariance = Round(fit.NoiseLogVariance), NoisePersistence = Round(fit.NoisePersistence) });
        }

        var parameters = initial with { Archetypes = tuned.ToImmutable() };
        parameters.EnsureValid();
        return parameters;
    }

    private static DayType DayTypeOf(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => DayType.Saturday,
        DayOfWeek.Sunday => DayType.Sunday,
        _ => DayType.Weekday,
    };

    /// <summary>48 features: mean energy of each hour on weekdays, then on weekend days, relative to the mean hour.</summary>
    private static double[] HourlyFeatures(double[] series, double level, DayType[] dayTypes)
    {
        var sums = new double[48];
        var counts = new int[2];
        for (var d = 0; d < dayTypes.Length; d++)
        {
            var weekend = dayTypes[d] == DayType.Weekday ? 0 : 1;
            counts[weekend]++;
            for (var s = 0; s < SlotsPerDay; s++)
            {
                sums[(weekend * 24) + (s / 4)] += series[(d * SlotsPerDay) + s];
            }
        }

        var meanHour = level / 24;
        return [.. sums.Select((v, i) => v / counts[i / 24] / meanHour)];
    }

    private ArchetypeFit FitArchetype(int[] members, IReadOnlyList<double[]> series, double[] levels, DayType[] dayTypes,
        DailyTemperatureSeries temperatures, double referenceC)
    {
        var days = dayTypes.Length;
        var dayTypeCounts = new int[3];
        foreach (var t in dayTypes)
        {
            dayTypeCounts[(int)t]++;
        }

        // Profiles: mean over members of the mean over days of each type of energy / (level / 96).
        var profiles = new double[3][];
        for (var t = 0; t < 3; t++)
        {
            profiles[t] = new double[SlotsPerDay];
        }

        foreach (var h in members)
        {
            var unit = levels[h] / SlotsPerDay;
            for (var d = 0; d < days; d++)
            {
                var t = (int)dayTypes[d];
                for (var s = 0; s < SlotsPerDay; s++)
                {
                    profiles[t][s] += series[h][(d * SlotsPerDay) + s] / unit / dayTypeCounts[t] / members.Length;
                }
            }
        }

        var weekMean = ((5 * profiles[0].Average()) + profiles[1].Average() + profiles[2].Average()) / 7;
        foreach (var profile in profiles)
        {
            for (var s = 0; s < SlotsPerDay; s++)
            {
                profile[s] /= weekMean;
            }
        }

        var dayTypeMeans = profiles.Select(p => p.Average()).ToArray();

        // Temperature: archetype mean of daily energy / level / day-type mean, regressed on (T_ref - T) over measured days.
        var relative = new double[days];
        for (var d = 0; d < days; d++)
        {
            relative[d] = members.Average(h => DayEnergy(series[h], d) / levels[h]) / dayTypeMeans[(int)dayTypes[d]];
        }

        var measured = Enumerable.Range(0, days).Where(temperatures.IsMeasured).ToArray();
        var slope = measured.Length < 3 ? 0 : Math.Max(0, SimpleRegression.Fit(
            [.. measured.Select(d => referenceC - temperatures[d])], [.. measured.Select(d => relative[d])]).B);
        var seasonal = Enumerable.Range(0, days)
            .Select(d => Math.Max(Options.MinimumSeasonalFactor, 1 + (slope * (referenceC - Math.Min(temperatures[d], Options.HeatingLimitC)))))
            .ToArray();

        var shares = profiles.Select((p, t) => p.Select(v => v / (SlotsPerDay * dayTypeMeans[t])).ToArray()).ToArray();
        var residuals = members.Select(h => HouseholdResiduals.Analyse(
            series[h],
            dayTypes,
            shares,
            [.. Enumerable.Range(0, days).Select(d => levels[h] * dayTypeMeans[(int)dayTypes[d]] * seasonal[d])],
            Options.MaximumNoiseSigma)).ToArray();
        return new ArchetypeFit(profiles, slope, residuals);
    }

    /// <summary>
    /// ln variance = intercept[archetype] + slope · ln(level / reference) + residual, by least squares
    /// with one intercept per archetype and a common slope (within-archetype centring).
    /// </summary>
    private static LogVarianceFit FitLogVariance(int[][] members, double[] logLevels, double[][] variances)
    {
        double sxy = 0, sxx = 0;
        var meansX = new double[members.Length];
        var meansY = new double[members.Length];
        for (var a = 0; a < members.Length; a++)
        {
            meansX[a] = members[a].Average(h => logLevels[h]);
            meansY[a] = variances[a].Average(Math.Log);
            for (var m = 0; m < members[a].Length; m++)
            {
                var dx = logLevels[members[a][m]] - meansX[a];
                sxy += dx * (Math.Log(variances[a][m]) - meansY[a]);
                sxx += dx * dx;
            }
        }

        var slope = sxx == 0 ? 0 : sxy / sxx;
        var intercepts = meansY.Select((y, a) => y - (slope * meansX[a])).ToArray();
        double residuals = 0;
        var count = 0;
        for (var a = 0; a < members.Length; a++)
        {
            for (var m = 0; m < members[a].Length; m++)
            {
                var e = Math.Log(variances[a][m]) - intercepts[a] - (slope * logLevels[members[a][m]]);
                residuals += e * e;
                count++;
            }
        }

        var freedom = Math.Max(1, count - members.Length - 1);
        return new LogVarianceFit(intercepts, slope, Math.Sqrt(residuals / freedom));
    }

    private ClimateParameters FitClimate(DailyTemperatureSeries temperatures)
    {
        var normals = new ClimatologyTemperatureSource(new ClimateParameters { MonthlyMeanC = Options.MonthlyMeanC }, 0);
        var anomalies = Enumerable.Range(0, temperatures.DayCount)
            .Select(d => temperatures.IsMeasured(d) ? temperatures[d] - normals.NormalC(temperatures.FirstDay.AddDays(d)) : double.NaN)
            .ToArray();
        var known = anomalies.Where(double.IsFinite).ToArray();
        var sd = Math.Sqrt(known.Average(a => a * a));
        var pairs = Enumerable.Range(0, anomalies.Length - 1).Where(d => double.IsFinite(anomalies[d]) && double.IsFinite(anomalies[d + 1])).ToArray();
        var lag1 = pairs.Length < 3 ? 0 : Correlation.Pearson(pairs.Select(d => anomalies[d]), pairs.Select(d => anomalies[d + 1]));
        return new ClimateParameters
        {
            Source = Options.ClimateSource,
            MonthlyMeanC = Options.MonthlyMeanC,
            AnomalySdC = Round(sd),
            AnomalyPersistence = Round(MovingAverageWeights.PersistenceFor(Math.Clamp(lag1, 0, 0.99), Options.AnomalyTaps)),
            AnomalyTaps = Options.AnomalyTaps,
        };
    }

    private ImmutableArray<double> LevelQuantiles(IEnumerable<double> levels)
    {
        var sorted = levels.Order().ToArray();
        var n = Options.LevelQuantiles;
        return [.. Enumerable.Range(0, n).Select(i => Round(SortedArrayStatistics.QuantileCustom(sorted, (double)i / (n - 1), QuantileDefinition.R7)))];
    }

    private static ImmutableSortedDictionary<string, int> SurveyCounts(int[] members, IReadOnlyList<long> ids, HeatingSurveyData? survey)
    {
        if (survey is null)
        {
            return ImmutableSortedDictionary<string, int>.Empty;
        }

        return members
            .Select(h => survey.Households.TryGetValue(ids[h], out var answer) ? answer.HeatingType : null)
            .OfType<string>()
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    private static double Median(HouseholdResiduals[] residuals, Func<HouseholdResiduals, double> selector) =>
        Math.Clamp(Statistics.Median(residuals.Select(selector)), 0, 0.99);

    private static double NightShare(double[] profile) =>
        (profile.Take(24).Sum() + profile.Skip(88).Sum()) / profile.Sum();

    private static double DayEnergy(double[] series, int day)
    {
        var sum = 0.0;
        for (var s = 0; s < SlotsPerDay; s++)
        {
            sum += series[(day * SlotsPerDay) + s];
        }

        return sum;
    }

    private double Round(double value) =>
        double.Parse(value.ToString("G" + Options.SignificantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private sealed record ArchetypeFit(double[][] Profiles, double Slope, HouseholdResiduals[] Residuals);

    private sealed record LogVarianceFit(double[] Intercepts, double Slope, double ResidualSd);
}
