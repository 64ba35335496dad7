using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Fleet;

/// <summary>The households behind a fleet's meters: the calibrated load model, seeded by the fleet.</summary>
public static class FleetHouseholds
{
    /// <summary>Household i of the model seeded with the fleet's seed (default parameters unless given).</summary>
    public static Func<int, IHouseholdLoad> For(FleetSpec spec, LoadModelParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = new HouseholdLoadModel(parameters ?? LoadModelParameters.Default, spec.Seed);
        return index => new ModelHousehold(model, index);
    }
}
