namespace SmartGrid.Simulation.Load;

/// <summary>One household of a <see cref="HouseholdLoadModel"/>: its traits and running state, 56 bytes plus the model reference.</summary>
public sealed class ModelHousehold : IHouseholdLoad
{
    private readonly HouseholdLoadModel _model;
    private readonly HouseholdTraits _traits;
    private HouseholdLoadState _state;

    /// <summary>Creates household <paramref name="index"/> of <paramref name="model"/>.</summary>
    public ModelHousehold(HouseholdLoadModel model, long index)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _traits = model.CreateTraits(index);
    }

    /// <summary>The household's traits (level, archetype, noise).</summary>
    public HouseholdTraits Traits => _traits;

    /// <inheritdoc />
    public double NextIntervalKWh(DateTimeOffset start, TimeSpan duration) => _model.NextIntervalKWh(_traits, ref _state, start, duration);
}
