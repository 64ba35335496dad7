using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace SmartGrid.Simulation.Load;

/// <summary>
/// Everything the household load model needs, as one immutable, JSON-serialisable value. The
/// shipped <see cref="Default"/> is the output of <see cref="LoadModelCalibrator"/> on the Swiss
/// 15-minute data (537 households, ISO weeks 44-50 of 2018); <see cref="CalibrationInfo"/> says
/// exactly which files and options produced it. Formulas: docs/LOAD_MODEL.md.
/// </summary>
public sealed record LoadModelParameters
{
    /// <summary>Quarter-hours per day: the model's time resolution.</summary>
    public const int SlotsPerDay = 96;

    /// <summary>Version of this JSON layout.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly Lazy<LoadModelParameters> DefaultParameters = new(LoadDefault);

    /// <summary>The calibrated defaults shipped in this assembly.</summary>
    public static LoadModelParameters Default => DefaultParameters.Value;

    /// <summary>Version of the layout the parameters were written with.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>IANA (or Windows) id of the time zone the profiles are in local time of.</summary>
    public string TimeZoneId { get; init; } = "Europe/Zurich";

    /// <summary>Daily mean temperature (°C) at which a household uses its level (the mean over the calibration days).</summary>
    public double ReferenceTemperatureC { get; init; }

    /// <summary>Daily mean temperature (°C) above which the seasonal factor stops changing.</summary>
    public double HeatingLimitC { get; init; } = 15;

    /// <summary>Lower bound of the seasonal factor.</summary>
    public double MinimumSeasonalFactor { get; init; } = 0.2;

    /// <summary>Level (kWh/day) at which the archetypes' log variances apply.</summary>
    public double ReferenceDailyEnergyKWh { get; init; } = 1;

    /// <summary>Slope of the ln variance of the quarter-hour noise over ln(level / reference level).</summary>
    public double NoiseLevelExponent { get; init; }

    /// <summary>Standard deviation of a household's ln noise variance around the level relation.</summary>
    public double NoiseScatter { get; init; }

    /// <summary>Slope of the ln variance of the day factor over ln(level / reference level).</summary>
    public double DayLevelExponent { get; init; }

    /// <summary>Slope of the ln variance of the habit factor over ln(level / reference level).</summary>
    public double HabitLevelExponent { get; init; }

    /// <summary>Standard deviation of a household's ln habit variance around the level relation.</summary>
    public double HabitScatter { get; init; }

    /// <summary>Upper bound of the log-normal sigma of the quarter-hour noise and of the habit.</summary>
    public double MaximumNoiseSigma { get; init; } = 2;

    /// <summary>The archetypes, by decreasing share.</summary>
    public ImmutableArray<ArchetypeParameters> Archetypes { get; init; } = [];

    /// <summary>The assumed climate, used when no observed temperatures are given.</summary>
    public ClimateParameters Climate { get; init; } = new();

    /// <summary>How the parameters were produced; null for hand-made ones.</summary>
    public CalibrationInfo? Calibration { get; init; }

    /// <summary>Reads parameters from JSON (as written by <see cref="ToJson"/>) and validates them.</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    /// <exception cref="ArgumentException">The parameters are inconsistent; the message lists why.</exception>
    public static LoadModelParameters FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parameters = JsonSerializer.Deserialize(json, LoadModelJsonContext.Default.LoadModelParameters)
            ?? throw new JsonException("The JSON holds null instead of load model parameters.");
        parameters.EnsureValid();
        return parameters;
    }

    /// <summary>Writes the parameters as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, LoadModelJsonContext.Default.LoadModelParameters);

    /// <summary>Lists every inconsistency (empty when the parameters can drive a model).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(FormatVersion == CurrentFormatVersion, $"FormatVersion {FormatVersion} is not {CurrentFormatVersion}.");
        Check(!string.IsNullOrWhiteSpace(TimeZoneId), "TimeZoneId is empty.");
        Check(double.IsFinite(ReferenceTemperatureC), "ReferenceTemperatureC is not finite.");
        Check(double.IsFinite(HeatingLimitC), "HeatingLimitC is not finite.");
        Check(MinimumSeasonalFactor is > 0 and <= 1, "MinimumSeasonalFactor must be in (0, 1].");
        Check(ReferenceDailyEnergyKWh > 0 && double.IsFinite(ReferenceDailyEnergyKWh), "ReferenceDailyEnergyKWh must be positive.");
        Check(double.IsFinite(NoiseLevelExponent) && double.IsFinite(DayLevelExponent) && double.IsFinite(HabitLevelExponent), "Level exponents must be finite.");
        Check(NoiseScatter >= 0 && double.IsFinite(NoiseScatter) && HabitScatter >= 0 && double.IsFinite(HabitScatter), "Scatters must be non-negative.");
        Check(MaximumNoiseSigma is > 0 and <= 4, "MaximumNoiseSigma must be in (0, 4].");
        Check(!Archetypes.IsDefaultOrEmpty, "There must be at least one archetype.");
        Check(Archetypes.IsDefault || Archetypes.Length <= byte.MaxValue, "At most 255 archetypes.");
        if (!Archetypes.IsDefaultOrEmpty)
        {
            Check(Math.Abs(Archetypes.Sum(a => a.Share) - 1) < 1e-4, "Archetype shares must sum to 1.");
            foreach (var a in Archetypes)
            {
                ValidateArchetype(a, Check);
            }
        }

        Check(!Climate.MonthlyMeanC.IsDefault && Climate.MonthlyMeanC.Length == 12 && Climate.MonthlyMeanC.All(double.IsFinite), "Climate.MonthlyMeanC must hold 12 finite values.");
        Check(Climate.AnomalySdC >= 0 && double.IsFinite(Climate.AnomalySdC), "Climate.AnomalySdC must be non-negative.");
        Check(Climate.AnomalyPersistence is >= 0 and <= 1, "Climate.AnomalyPersistence must be in [0, 1].");
        Check(Climate.AnomalyTaps is >= 1 and <= 32, "Climate.AnomalyTaps must be in 1..32.");
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything.</summary>
    /// <exception cref="ArgumentException">The parameters are inconsistent; the message lists why.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid load model parameters: " + string.Join(" ", errors));
        }
    }

    private static void ValidateArchetype(ArchetypeParameters a, Action<bool, string> check)
    {
        var name = string.IsNullOrEmpty(a.Name) ? "(unnamed)" : a.Name;
        check(a.Share is > 0 and <= 1, $"{name}: Share must be in (0, 1].");
        check(!a.DailyEnergyQuantilesKWh.IsDefault && a.DailyEnergyQuantilesKWh.Length >= 2, $"{name}: at least two level quantiles.");
        if (!a.DailyEnergyQuantilesKWh.IsDefault)
        {
            var q = a.DailyEnergyQuantilesKWh;
            check(q.All(v => v > 0 && double.IsFinite(v)), $"{name}: level quantiles must be positive.");
            check(q.Zip(q.Skip(1)).All(p => p.First <= p.Second), $"{name}: level quantiles must not decrease.");
        }

        foreach (var day in Enum.GetValues<DayType>())
        {
            var p = a.Profile(day);
            check(!p.IsDefault && p.Length == SlotsPerDay && p.All(v => v >= 0 && double.IsFinite(v)),
                string.Create(CultureInfo.InvariantCulture, $"{name}: {day} profile must hold {SlotsPerDay} non-negative values."));
        }

        check(a.TemperatureSlopePerC >= 0 && double.IsFinite(a.TemperatureSlopePerC), $"{name}: TemperatureSlopePerC must be non-negative.");
        check(double.IsFinite(a.NoiseLogVariance) && double.IsFinite(a.DayLogVariance), $"{name}: log variances must be finite.");
        check(a.NoisePersistence is >= 0 and <= 1, $"{name}: NoisePersistence must be in [0, 1].");
        check(a.NoiseTaps is >= 1 and <= 16, $"{name}: NoiseTaps must be in 1..16.");
        check(double.IsFinite(a.HabitLogVariance), $"{name}: HabitLogVariance must be finite.");
        check(a.HabitPersistence is >= 0 and <= 1, $"{name}: HabitPersistence must be in [0, 1].");
        check(a.HabitTaps is >= 1 and <= 16, $"{name}: HabitTaps must be in 1..16.");
    }

    private static LoadModelParameters LoadDefault()
    {
        const string resource = "SmartGrid.Simulation.Load.LoadModelParameters.Default.json";
        using var stream = typeof(LoadModelParameters).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }
}
