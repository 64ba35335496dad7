namespace SmartGrid.Simulation.Load;

/// <summary>
/// A household of the calibrated model with what a scenario adds: electric heating (kW per °C the
/// day's mean temperature lies below the heating base, spread over the day with morning and
/// evening peaks) and rooftop PV (<see cref="IHouseholdGeneration"/>).
/// </summary>
public sealed class ScenarioHousehold : IHouseholdLoad, IHouseholdGeneration
{
    // Relative heating demand per local hour (mean 1): night setback, morning and evening peaks.
    private static readonly double[] HeatingShape = Normalise(
    [
        0.7, 0.7, 0.7, 0.7, 0.8, 1.1, 1.5, 1.5, 1.3, 1.0, 0.9, 0.9,
        0.9, 0.9, 0.9, 1.0, 1.1, 1.3, 1.4, 1.4, 1.3, 1.1, 0.9, 0.8,
    ]);

    private readonly ModelHousehold _base;
    private readonly HouseholdLoadModel _model;
    private readonly double _heatingKwPerDegree;
    private readonly double _heatingBaseC;
    private readonly SolarModel? _solar;
    private readonly double _kwp;

    /// <summary>Creates household <paramref name="index"/> of <paramref name="model"/> with heating (0: none) and PV (0 kWp: none).</summary>
    public ScenarioHousehold(HouseholdLoadModel model, long index, double heatingKwPerDegree, double heatingBaseC, SolarModel? solar, double kwp)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        if (heatingKwPerDegree < 0 || !double.IsFinite(heatingKwPerDegree) || kwp < 0 || !double.IsFinite(kwp) || (kwp > 0 && solar is null))
        {
            throw new ArgumentException("heating kW per °C and kWp must be finite and not negative, and PV needs a solar model");
        }

        _base = new ModelHousehold(model, index);
        _heatingKwPerDegree = heatingKwPerDegree;
        _heatingBaseC = heatingBaseC;
        _solar = solar;
        _kwp = kwp;
    }

    /// <summary>The underlying household's traits.</summary>
    public HouseholdTraits Traits => _base.Traits;

    /// <summary>Installed PV, kWp (0: none).</summary>
    public double Kwp => _kwp;

    /// <summary>Heating power per °C below the base temperature, kW (0: no electric heating).</summary>
    public double HeatingKwPerDegree => _heatingKwPerDegree;

    /// <inheritdoc />
    public double NextIntervalKWh(DateTimeOffset start, TimeSpan duration)
    {
        var kwh = _base.NextIntervalKWh(start, duration);
        if (_heatingKwPerDegree > 0)
        {
            var local = TimeZoneInfo.ConvertTime(start + (duration / 2), _model.TimeZone);
            var deficit = _heatingBaseC - _model.Temperatures.DailyMeanC(DateOnly.FromDateTime(local.DateTime));
            if (deficit > 0)
            {
                kwh += _heatingKwPerDegree * deficit * HeatingShape[local.Hour] * duration.TotalHours;
            }
        }

        return kwh;
    }

    /// <inheritdoc />
    public double GenerationKWh(DateTimeOffset start, TimeSpan duration) => _kwp > 0 ? _solar!.EnergyKWh(_kwp, start, duration) : 0;

    private static double[] Normalise(double[] shape)
    {
        var mean = shape.Average();
        return [.. shape.Select(v => v / mean)];
    }
}
