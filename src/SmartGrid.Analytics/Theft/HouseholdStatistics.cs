namespace SmartGrid.Analytics.Theft;

/// <summary>One household's per-day statistics against its own history; the cohort and the energy balance fill in the rest.</summary>
internal sealed class HouseholdStatistics
{
    private const double LogFloor = 0.02;
    private const double CorrelationFloor = 0.02;
    private const double ShiftFloor = 0.02;
    private const int MinimumDaysOfType = 3;

    private readonly double[][] _features;
    private readonly Dictionary<double[], int[]> _quiet = new(ReferenceEqualityComparer.Instance);

    public HouseholdStatistics(HouseholdDays household)
    {
        Household = household;
        Days = household.Readings.Count;
        N = household.Readings[0].Length;
        _features = new double[TheftFeatureExtractor.FeatureCount][];
        for (var f = 0; f < _features.Length; f++)
        {
            _features[f] = new double[Days];
        }

        var days = household.Readings.Select(day => day.Select(v => Math.Max(0, v)).ToArray()).ToArray();
        var mean = days.Average(day => day.Average());
        Epsilon = (1e-3 * mean) + 1e-9;
        Totals = days.Select(day => day.Sum()).ToArray();
        TypicalTotal = RobustStatistics.Median(Totals);
        Compute(days);
    }

    public HouseholdDays Household { get; }

    public int Days { get; }

    public int N { get; }

    public double Epsilon { get; }

    /// <summary>Reported energy of each day (negative readings counted as zero).</summary>
    public double[] Totals { get; }

    /// <summary>Median reported day total.</summary>
    public double TypicalTotal { get; }

    /// <summary>Normalised hourly shape of each day (set by <see cref="RoutineFeatures"/>).</summary>
    public double[][] HourlyShapes { get; set; } = [];

    /// <summary>Normalised hourly shape of each day reversed.</summary>
    public double[][] ReversedHourlyShapes { get; set; } = [];

    public double Feature(int day, TheftFeature feature) => _features[(int)feature][day];

    public void Set(TheftFeature feature, double[] values) => values.CopyTo(_features[(int)feature], 0);

    public double[] Row(int day)
    {
        var row = new double[_features.Length];
        for (var f = 0; f < row.Length; f++)
        {
            var v = _features[f][day];
            row[f] = double.IsFinite(v) ? v : 0;
        }

        return row;
    }

    private void Compute(double[][] days)
    {
        var eps = Epsilon;
        var pooled = days.SelectMany(d => d).ToArray();
        Array.Sort(pooled);
        var references = TypicalProfiles(days, out var scales);

        var logTotal = new double[Days];
        var logBase = new double[Days];
        var logPeak = new double[Days];
        var corr = new double[Days];
        var lag1 = new double[Days];
        var logRough = new double[Days];
        var logCv = new double[Days];
        var zeroRun = new double[Days];
        var shift = new double[Days];
        var cusum = new double[Days];
        var shape = new double[Days];
        var quietShare = new double[Days];
        var quietLevel = new double[Days];
        var blockCorr = new double[Days];
        var blocks = Math.Min(12, N);
        var reversalDistance = new double[Days];
        var profileScale = new double[Days];
        for (var d = 0; d < Days; d++)
        {
            var y = days[d];
            var sorted = (double[])y.Clone();
            Array.Sort(sorted);
            var r = references[d];
            var s = scales[d];
            var dayMean = Totals[d] / N;
            logTotal[d] = Math.Log(Totals[d] + (N * eps));
            logBase[d] = Math.Log(RobustStatistics.QuantileOfSorted(sorted, 0.1) + eps);
            logPeak[d] = Math.Log(sorted[^1] + eps);
            corr[d] = RobustStatistics.Pearson(y, r);
            var reversed = y.Reverse().ToArray();
            _features[(int)TheftFeature.ReversalGain][d] = RobustStatistics.Pearson(reversed, r) - corr[d];
            lag1[d] = RobustStatistics.Lag1Autocorrelation(y);
            var rough = 0.0;
            var variance = 0.0;
            for (var t = 0; t < N; t++)
            {
                variance += (y[t] - dayMean) * (y[t] - dayMean);
                if (t > 0)
                {
                    rough += Math.Abs(y[t] - y[t - 1]);
                }
            }

            logRough[d] = Math.Log((rough / (N - 1)) + eps) - Math.Log(dayMean + eps);
            logCv[d] = Math.Log(Math.Sqrt(variance / N) + eps) - Math.Log(dayMean + eps);
            int run = 0, longest = 0, zeros = 0;
            var referenceTotal = r.Sum();
            double l1 = 0, lower = 0, worst = 0;
            var below = 0;
            for (var t = 0; t < N; t++)
            {
                if (y[t] <= TheftFeatureExtractor.ZeroTolerance)
                {
                    zeros++;
                    longest = Math.Max(longest, ++run);
                }
                else
                {
                    run = 0;
                }

                l1 += Math.Abs((y[t] / (Totals[d] + eps)) - (r[t] / (referenceTotal + eps)));
                lower = Math.Max(0, lower - ((y[t] - r[t]) / s[t]) - TheftFeatureExtractor.CusumAllowance);
                worst = Math.Max(worst, lower);
                if (y[t] < 0.5 * r[t])
                {
                    below++;
                }
            }

            var quiet = QuietSlots(r);
            var quietSum = quiet.Sum(t => y[t]);
            quietShare[d] = quietSum / (Totals[d] + (N * eps));
            quietLevel[d] = Math.Log((quietSum / quiet.Length) + eps);
            var yBlocks = Blocks(y, blocks);
            var rBlocks = Blocks(r, blocks);
            blockCorr[d] = RobustStatistics.Pearson(yBlocks, rBlocks);
            _features[(int)TheftFeature.BlockReversalGain][d] = RobustStatistics.Pearson(Blocks(reversed, blocks), rBlocks) - blockCorr[d];
            double distance = 0, distanceReversed = 0, cross = 0, square = 0, residual = 0;
            for (var t = 0; t < N; t++)
            {
                distance += Math.Abs(y[t] - r[t]) / s[t];
                distanceReversed += Math.Abs(reversed[t] - r[t]) / s[t];
                cross += y[t] * r[t];
                square += r[t] * r[t];
                residual += (y[t] - r[t]) / s[t];
            }

            reversalDistance[d] = Math.Log((distance + 1e-9) / (distanceReversed + 1e-9));
            profileScale[d] = Math.Log((cross / (square + (N * eps * eps))) + 1e-3);
            _features[(int)TheftFeature.StandardisedResidual][d] = residual / N;
            zeroRun[d] = (double)longest / N;
            _features[(int)TheftFeature.ZeroFraction][d] = (double)zeros / N;
            _features[(int)TheftFeature.BelowHalfProfile][d] = (double)below / N;
            shift[d] = RobustStatistics.KolmogorovSmirnov(sorted, pooled);
            cusum[d] = worst / Math.Sqrt(N);
            shape[d] = l1;
        }

        Centre(logTotal, TheftFeature.LevelLog, TheftFeature.LevelZ, LogFloor);
        NearestNeighbours(days);
        Centre(logBase, TheftFeature.BaseLog, TheftFeature.BaseZ, LogFloor);
        Centre(logPeak, TheftFeature.PeakLog, TheftFeature.PeakZ, LogFloor);
        Set(TheftFeature.ProfileCorrelation, corr);
        Set(TheftFeature.ProfileCorrelationZ, RobustStatistics.RobustZ(corr, CorrelationFloor));
        Set(TheftFeature.Lag1, lag1);
        Set(TheftFeature.Lag1Z, RobustStatistics.RobustZ(lag1, CorrelationFloor));
        Set(TheftFeature.RoughnessZ, RobustStatistics.RobustZ(logRough, LogFloor));
        Centre(logCv, TheftFeature.VariationLog, TheftFeature.VariationZ, LogFloor);
        Set(TheftFeature.ZeroRun, zeroRun);
        var typicalRun = RobustStatistics.Median(zeroRun);
        Set(TheftFeature.ZeroRunExcess, [.. zeroRun.Select(z => z - typicalRun)]);
        Set(TheftFeature.DistributionShift, shift);
        Set(TheftFeature.DistributionShiftZ, RobustStatistics.RobustZ(shift, ShiftFloor));
        Set(TheftFeature.Cusum, cusum);
        Set(TheftFeature.CusumZ, RobustStatistics.RobustZ(cusum, ShiftFloor));
        Set(TheftFeature.ShapeDistance, shape);
        Set(TheftFeature.ShapeDistanceZ, RobustStatistics.RobustZ(shape, ShiftFloor));
        var typicalQuietShare = RobustStatistics.Median(quietShare);
        Set(TheftFeature.QuietShareExcess, [.. quietShare.Select(q => q - typicalQuietShare)]);
        Set(TheftFeature.QuietLevelZ, RobustStatistics.RobustZ(quietLevel, LogFloor));
        Set(TheftFeature.BlockCorrelation, blockCorr);
        Set(TheftFeature.BlockCorrelationZ, RobustStatistics.RobustZ(blockCorr, CorrelationFloor));
        Set(TheftFeature.ReversalDistanceLog, reversalDistance);
        Set(TheftFeature.ReversalDistanceZ, RobustStatistics.RobustZ(reversalDistance, LogFloor));
        Centre(profileScale, TheftFeature.ProfileScaleLog, TheftFeature.ProfileScaleZ, LogFloor);
        ZOf(TheftFeature.ReversalGain, TheftFeature.ReversalGainZ, CorrelationFloor);
        ZOf(TheftFeature.BlockReversalGain, TheftFeature.BlockReversalGainZ, CorrelationFloor);
        ZOf(TheftFeature.NearestReversalLog, TheftFeature.NearestReversalZ, LogFloor);
        RoutineFeatures.Compute(this, days);
        ContinuityFeatures.Compute(this, days);
        GaussianDayFeatures.Compute(this, days);
    }

    private void ZOf(TheftFeature source, TheftFeature z, double floor) => Set(z, RobustStatistics.RobustZ(_features[(int)source], floor));

    /// <summary>Nearest-other-day distances of each day and of its reversal, on hourly sums (at most 24 blocks).</summary>
    private void NearestNeighbours(double[][] days)
    {
        var blocks = Math.Min(24, N);
        var hourly = days.Select(day => Blocks(day, blocks)).ToArray();
        var reversed = days.Select(day => Blocks([.. day.Reverse()], blocks)).ToArray();
        var novelty = new double[Days];
        var floor = N * Epsilon;
        var shapes = hourly.Select((h, d) => h.Select(v => v / (Totals[d] + floor)).ToArray()).ToArray();
        for (var d = 0; d < Days; d++)
        {
            double nearest = double.MaxValue, nearestReversed = double.MaxValue, nearestShape = double.MaxValue;
            var twin = d;
            for (var other = 0; other < Days; other++)
            {
                if (other == d)
                {
                    continue;
                }

                double distance = 0, distanceReversed = 0, shapeDistance = 0;
                for (var b = 0; b < blocks; b++)
                {
                    distance += Math.Abs(hourly[d][b] - hourly[other][b]);
                    distanceReversed += Math.Abs(reversed[d][b] - hourly[other][b]);
                    shapeDistance += Math.Abs(shapes[d][b] - shapes[other][b]);
                }

                if (shapeDistance < nearestShape)
                {
                    nearestShape = shapeDistance;
                    twin = other;
                }

                nearest = Math.Min(nearest, distance);
                nearestReversed = Math.Min(nearestReversed, distanceReversed);
            }

            _features[(int)TheftFeature.NearestReversalLog][d] = Math.Log((nearest + floor) / (nearestReversed + floor));
            novelty[d] = Math.Log(nearest + floor);
            _features[(int)TheftFeature.ShapeTwinLevelLog][d] = Math.Log((Totals[d] + floor) / (Totals[twin] + floor));
        }

        Set(TheftFeature.NoveltyZ, RobustStatistics.RobustZ(novelty, LogFloor));
    }

    /// <summary>Sums of <paramref name="count"/> consecutive blocks of the day (interval t goes to block t·count/N).</summary>
    public static double[] Blocks(double[] day, int count)
    {
        var sums = new double[count];
        for (var t = 0; t < day.Length; t++)
        {
            sums[t * count / day.Length] += day[t];
        }

        return sums;
    }

    /// <summary>The quarter of the intervals (at least 1) lowest in the typical profile, ties by time.</summary>
    private int[] QuietSlots(double[] profile)
    {
        if (!_quiet.TryGetValue(profile, out var slots))
        {
            slots = [.. Enumerable.Range(0, N).OrderBy(t => profile[t]).ThenBy(t => t).Take(Math.Max(1, N / 4))];
            _quiet[profile] = slots;
        }

        return slots;
    }

    private void Centre(double[] values, TheftFeature centred, TheftFeature z, double floor)
    {
        var median = RobustStatistics.Median(values);
        Set(centred, [.. values.Select(v => v - median)]);
        Set(z, RobustStatistics.RobustZ(values, floor));
    }

    /// <summary>
    /// Per-interval median of the household's days of the same type (weekday or weekend; all days
    /// when a type has fewer than 3) and a robust per-interval scale for the CUSUM, floored at 10%
    /// of the profile's mean so a flat night does not turn noise into alarms.
    /// </summary>
    private double[][] TypicalProfiles(double[][] days, out double[][] scales)
    {
        var weekend = Household.Dates.Select(date => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToArray();
        var cache = new Dictionary<int, (double[] Profile, double[] Scale)>();
        var profiles = new double[Days][];
        scales = new double[Days][];
        for (var d = 0; d < Days; d++)
        {
            var type = weekend[d] ? 1 : 0;
            var members = Enumerable.Range(0, Days).Where(i => weekend[i] == weekend[d]).ToArray();
            if (members.Length < MinimumDaysOfType)
            {
                type = 2;
                members = [.. Enumerable.Range(0, Days)];
            }

            if (!cache.TryGetValue(type, out var entry))
            {
                var profile = new double[N];
                var scale = new double[N];
                var column = new double[members.Length];
                for (var t = 0; t < N; t++)
                {
                    for (var i = 0; i < members.Length; i++)
                    {
                        column[i] = days[members[i]][t];
                    }

                    profile[t] = RobustStatistics.Median(column);
                    scale[t] = RobustStatistics.Sigma(column, profile[t]);
                }

                var floor = (0.1 * profile.Average()) + Epsilon;
                for (var t = 0; t < N; t++)
                {
                    scale[t] = Math.Max(scale[t], floor);
                }

                cache[type] = entry = (profile, scale);
            }

            profiles[d] = entry.Profile;
            scales[d] = entry.Scale;
        }

        return profiles;
    }
}
