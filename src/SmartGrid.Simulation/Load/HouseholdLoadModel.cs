using System.Runtime.CompilerServices;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// The seeded household load model: the active energy a household uses in any interval, as a
/// pure function of (parameters, seed, household index, time). Energy of UTC quarter-hour n
/// (local slot s, local day D):
/// <code>
/// E = level/96 · seasonal_a(T_D) · dayFactor_h(D) · profile_a(dayType(D), s) · habit_h(s) · noise_h(n)
/// </code>
/// with log-normal day, habit and noise factors drawn from counter-based SplitMix64 and
/// normalised so that the household's expected energy is its level (docs/LOAD_MODEL.md has the
/// details and the calibration). Energy is piecewise constant per quarter-hour: an interval of
/// any length up to a day (1, 5, 15, 30, 60 minutes...) gets the integral over it, so shorter
/// intervals always add up to longer ones. Values are never negative. Thread-safe: share one
/// model across the fleet and keep a <see cref="HouseholdTraits"/> and
/// <see cref="HouseholdLoadState"/> per household.
/// </summary>
public sealed class HouseholdLoadModel
{
    /// <summary>The model's time resolution: a quarter-hour.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(15);

    private const long QuarterTicks = ZoneCalendar.QuarterHourTicks;
    private const int SlotsPerDay = LoadModelParameters.SlotsPerDay;
    private const int ProfileRow = 3 * SlotsPerDay;
    private const ulong HouseholdStream = 0x40C5E401D5EED001UL;
    private const ulong DayStream = 0xDA7FAC7085EED002UL;
    private const ulong HabitStream = 0x4AB17A7785EED003UL;
    private const ulong SequenceStream = 0xA5C4E7E985EED004UL;

    // Increments of the R4 low-discrepancy sequence (1/g^j, g the root of x^5 = x + 1) in 64-bit
    // fixed point, made odd: archetype, level, noise scatter, habit scatter.
    private static readonly ulong[] SequenceIncrements = [0xDB4F0B9175AE2165UL, 0xBBE0563303A4615FUL, 0xA0F2EC75A1FE1575UL, 0x89E182857D9ED689UL];
    private static readonly long FirstTicks = TimeSpan.TicksPerDay;
    private static readonly long LastTicks = DateTimeOffset.MaxValue.UtcTicks - (2 * TimeSpan.TicksPerDay);

    private readonly ArchetypeRuntime[] _archetypes;
    private readonly double[] _cumulativeShares;
    private readonly double[] _profiles;
    private readonly ZoneCalendar _calendar;
    private readonly ulong _householdKey;
    private readonly ulong[] _sequenceOffsets;
    private readonly double _logReferenceLevel;

    /// <summary>Creates a model.</summary>
    /// <param name="parameters">Model parameters (validated here).</param>
    /// <param name="seed">Fleet seed: households, their noise and the assumed weather all derive from it.</param>
    /// <param name="temperatures">
    /// Daily temperatures; by default the climatology of <paramref name="parameters"/> with a weather
    /// anomaly drawn from <paramref name="seed"/>.
    /// </param>
    /// <exception cref="ArgumentException">The parameters are inconsistent.</exception>
    /// <exception cref="TimeZoneNotFoundException">The parameters' time zone is unknown on this machine.</exception>
    public HouseholdLoadModel(LoadModelParameters parameters, ulong seed, IDailyTemperatureSource? temperatures = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.EnsureValid();
        Parameters = parameters;
        Seed = seed;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(parameters.TimeZoneId);
        Temperatures = temperatures ?? new ClimatologyTemperatureSource(parameters.Climate, seed);
        _archetypes = [.. parameters.Archetypes.Select(a => new ArchetypeRuntime(a))];
        _cumulativeShares = new double[_archetypes.Length];
        var cumulative = 0.0;
        for (var a = 0; a < _archetypes.Length; a++)
        {
            cumulative += parameters.Archetypes[a].Share;
            _cumulativeShares[a] = cumulative;
        }

        _profiles = new double[_archetypes.Length * ProfileRow];
        for (var a = 0; a < _archetypes.Length; a++)
        {
            foreach (var day in Enum.GetValues<DayType>())
            {
                parameters.Archetypes[a].Profile(day).CopyTo(_profiles, (a * ProfileRow) + ((int)day * SlotsPerDay));
            }
        }

        _householdKey = SplitMix64.Mix(seed ^ HouseholdStream);
        _sequenceOffsets = [.. Enumerable.Range(0, SequenceIncrements.Length).Select(j => SplitMix64.At(seed ^ SequenceStream, j))];
        _logReferenceLevel = DeterministicMath.Log(parameters.ReferenceDailyEnergyKWh);
        _calendar = new ZoneCalendar(TimeZone, BuildDay);
    }

    /// <summary>The parameters.</summary>
    public LoadModelParameters Parameters { get; }

    /// <summary>The fleet seed.</summary>
    public ulong Seed { get; }

    /// <summary>Time zone of the profiles (from <see cref="LoadModelParameters.TimeZoneId"/>).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Where daily temperatures come from.</summary>
    public IDailyTemperatureSource Temperatures { get; }

    /// <summary>Draws the traits of household <paramref name="householdIndex"/> (any index; same index, same traits).</summary>
    /// <remarks>
    /// Archetype, level and the two noise scatters come from a four-dimensional low-discrepancy
    /// (R4) sequence over the household index with seeded offsets, so any run of consecutive
    /// households covers the archetype shares, the level quantiles and the spread of noisiness
    /// evenly: a fleet of a few hundred already has the calibrated distributions. The household's
    /// noise, habit and day factors are independent random (counter-based) values.
    /// </remarks>
    public HouseholdTraits CreateTraits(long householdIndex)
    {
        var key = SplitMix64.At(_householdKey, householdIndex);
        var pick = Sequence(householdIndex, 0);
        var archetype = 0;
        while (archetype < _archetypes.Length - 1 && pick >= _cumulativeShares[archetype])
        {
            archetype++;
        }

        var runtime = _archetypes[archetype];
        var knots = runtime.LogLevelKnots;
        var position = Sequence(householdIndex, 1) * (knots.Length - 1);
        var below = Math.Min((int)position, knots.Length - 2);
        var logLevel = knots[below] + ((knots[below + 1] - knots[below]) * (position - below));
        var noiseScatter = DeterministicMath.InverseNormal(Sequence(householdIndex, 2));
        var habitScatter = DeterministicMath.InverseNormal(Sequence(householdIndex, 3));

        var p = Parameters;
        var relative = logLevel - _logReferenceLevel;
        var noiseSigma = LogNormalSigma(runtime.Parameters.NoiseLogVariance + (p.NoiseLevelExponent * relative) + (p.NoiseScatter * noiseScatter));
        var habitSigma = LogNormalSigma(runtime.Parameters.HabitLogVariance + (p.HabitLevelExponent * relative) + (p.HabitScatter * habitScatter));
        var daySigma = LogNormalSigma(runtime.Parameters.DayLogVariance + (p.DayLevelExponent * relative));
        var logMeans = runtime.LogMeanOfExp(noiseSigma) + (16 * CentredBytes.LogMomentPerByte(daySigma * CentredBytes.InverseSd16));
        var level = DeterministicMath.Exp(logLevel);
        var habitMean = MeanHabitWeightedEnergy(archetype, key ^ HabitStream, habitSigma);
        var energyScale = (float)(level / SlotsPerDay * DeterministicMath.Exp(-logMeans) / habitMean);
        return new HouseholdTraits(key, (float)level, noiseSigma, habitSigma, daySigma, energyScale, (byte)archetype);
    }

    /// <summary>
    /// Energy (kWh) the household uses in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="duration"/>).
    /// Ask in increasing time order for speed (any order gives the same values). Does not allocate.
    /// </summary>
    /// <param name="traits">The household.</param>
    /// <param name="state">The household's state (start with <c>default</c>).</param>
    /// <param name="start">Start of the interval (any offset; UTC instant is what counts).</param>
    /// <param name="duration">Length, more than zero and at most one day.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration or the start is out of range.</exception>
    public double NextIntervalKWh(in HouseholdTraits traits, ref HouseholdLoadState state, DateTimeOffset start, TimeSpan duration)
    {
        var from = start.UtcTicks;
        var length = duration.Ticks;
        if (length <= 0 || length > TimeSpan.TicksPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The interval must be longer than zero and at most one day.");
        }

        if (from < FirstTicks || from > LastTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The interval must lie between years 1 and 9999 with a day to spare.");
        }

        var quarter = from / QuarterTicks;
        var offset = from - (quarter * QuarterTicks);
        if (offset == 0 && length == QuarterTicks)
        {
            return QuarterHourKWh(traits, ref state, (int)quarter);
        }

        var to = from + length;
        var sum = 0.0;
        for (var q = quarter; q * QuarterTicks < to; q++)
        {
            var qStart = q * QuarterTicks;
            var covered = Math.Min(to, qStart + QuarterTicks) - Math.Max(from, qStart);
            var energy = QuarterHourKWh(traits, ref state, (int)q);
            sum += covered == QuarterTicks ? energy : energy * covered / QuarterTicks;
        }

        return sum;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the energies (kWh) of consecutive intervals of
    /// <paramref name="duration"/> from <paramref name="start"/>, as repeated <see cref="NextIntervalKWh"/> calls would.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration or the start is out of range.</exception>
    public void FillIntervalsKWh(in HouseholdTraits traits, ref HouseholdLoadState state, DateTimeOffset start, TimeSpan duration, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextIntervalKWh(traits, ref state, start + (duration * i), duration);
        }
    }

    /// <summary>The seasonal factor of an archetype at a daily mean temperature.</summary>
    /// <remarks>max(minimum, 1 + slope · (T_ref − min(T, T_heatingLimit))).</remarks>
    public double SeasonalFactor(int archetype, double temperatureC)
    {
        var slope = _archetypes[archetype].Parameters.TemperatureSlopePerC;
        var effective = Math.Min(temperatureC, Parameters.HeatingLimitC);
        return Math.Max(Parameters.MinimumSeasonalFactor, 1 + (slope * (Parameters.ReferenceTemperatureC - effective)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double QuarterHourKWh(in HouseholdTraits traits, ref HouseholdLoadState state, int quarter)
    {
        if ((uint)(quarter - state.SegmentStart) >= (uint)(state.SegmentEnd - state.SegmentStart))
        {
            EnterSegment(traits, ref state, quarter);
        }

        var archetype = _archetypes[traits.Archetype];
        var taps = archetype.Taps;
        long sum = 0;
        for (var k = 0; k < taps.Length; k++)
        {
            sum += (long)taps[k] * CentredBytes.Sum8(SplitMix64.At(traits.Key, quarter - k));
        }

        var slot = quarter - state.SlotBase;
        var habit = HabitUnit(archetype, traits.Key ^ HabitStream, slot);
        var factor = DeterministicMath.Exp((traits.NoiseSigma * (sum * archetype.NoisePerUnit)) + (traits.HabitSigma * habit));
        return state.DayScale * _profiles[state.ProfileOffset + slot] * factor;
    }

    /// <summary>The unit-variance habit value of a slot: a moving average around the clock of the household's slot innovations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double HabitUnit(ArchetypeRuntime archetype, ulong habitKey, int slot)
    {
        var taps = archetype.HabitTaps;
        long sum = 0;
        for (var k = 0; k < taps.Length; k++)
        {
            var s = slot - k;
            sum += (long)taps[k] * CentredBytes.Sum8(SplitMix64.At(habitKey, s < 0 ? s + SlotsPerDay : s));
        }

        return sum * archetype.HabitPerUnit;
    }

    /// <summary>Mean over a week (weights 5, 1, 1) of profile × habit factor: what the habit does to the level.</summary>
    private double MeanHabitWeightedEnergy(int archetype, ulong habitKey, double habitSigma)
    {
        var runtime = _archetypes[archetype];
        var taps = runtime.HabitTaps;
        Span<int> innovations = stackalloc int[SlotsPerDay];
        for (var slot = 0; slot < SlotsPerDay; slot++)
        {
            innovations[slot] = CentredBytes.Sum8(SplitMix64.At(habitKey, slot));
        }

        var row = archetype * ProfileRow;
        double weekday = 0, saturday = 0, sunday = 0;
        for (var slot = 0; slot < SlotsPerDay; slot++)
        {
            long sum = 0;
            for (var k = 0; k < taps.Length; k++)
            {
                var s = slot - k;
                sum += (long)taps[k] * innovations[s < 0 ? s + SlotsPerDay : s];
            }

            var factor = DeterministicMath.Exp(habitSigma * (sum * runtime.HabitPerUnit));
            weekday += _profiles[row + slot] * factor;
            saturday += _profiles[row + SlotsPerDay + slot] * factor;
            sunday += _profiles[row + (2 * SlotsPerDay) + slot] * factor;
        }

        return ((5 * weekday) + saturday + sunday) / (7.0 * SlotsPerDay);
    }

    /// <summary>Coordinate <paramref name="dimension"/> of the household's point of the R4 sequence, in (0, 1).</summary>
    private double Sequence(long householdIndex, int dimension)
    {
        var bits = unchecked(_sequenceOffsets[dimension] + ((ulong)householdIndex * SequenceIncrements[dimension]));
        return ((bits >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    private float LogNormalSigma(double logVariance) =>
        (float)Math.Min(Parameters.MaximumNoiseSigma, Math.Sqrt(DeterministicMath.Log(1 + DeterministicMath.Exp(logVariance))));

    private void EnterSegment(in HouseholdTraits traits, ref HouseholdLoadState state, int quarter)
    {
        var segment = _calendar.Find(quarter);
        state.SegmentStart = segment.Start;
        state.SegmentEnd = segment.End;
        state.SlotBase = segment.SlotBase;
        state.ProfileOffset = (traits.Archetype * ProfileRow) + ((int)segment.Day.DayType * SlotsPerDay);
        var dayKey = segment.Day.LocalDay + 1;
        if (state.DayKey == dayKey)
        {
            return;
        }

        var stream = SplitMix64.Mix(traits.Key ^ DayStream);
        var day = (long)segment.Day.LocalDay * 2;
        var unit = CentredBytes.Standard16(SplitMix64.At(stream, day), SplitMix64.At(stream, day + 1));
        var factor = DeterministicMath.Exp(traits.DaySigma * unit);
        state.DayScale = (float)(traits.EnergyScale * segment.Day.SeasonalFactors[traits.Archetype] * factor);
        state.DayKey = dayKey;
    }

    private LocalDayInfo BuildDay(int localDay)
    {
        var date = DateOnly.FromDayNumber(localDay);
        var temperature = Temperatures.DailyMeanC(date);
        var factors = new double[_archetypes.Length];
        for (var a = 0; a < factors.Length; a++)
        {
            factors[a] = SeasonalFactor(a, temperature);
        }

        var dayType = date.DayOfWeek switch
        {
            DayOfWeek.Saturday => DayType.Saturday,
            DayOfWeek.Sunday => DayType.Sunday,
            _ => DayType.Weekday,
        };
        return new LocalDayInfo(localDay, dayType, temperature, factors);
    }
}
