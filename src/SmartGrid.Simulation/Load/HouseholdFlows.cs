namespace SmartGrid.Simulation.Load;

/// <summary>What a household's meter measures: its load net of its own generation.</summary>
public static class HouseholdFlows
{
    /// <summary>
    /// The energy imported from and exported to the grid in [start, start + duration), kWh, both
    /// not negative and at most one of them positive. Advances the household's load by one interval.
    /// </summary>
    public static (double Import, double Export) Next(IHouseholdLoad household, DateTimeOffset start, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(household);
        var load = Math.Max(0, household.NextIntervalKWh(start, duration));
        if (household is not IHouseholdGeneration generation)
        {
            return (load, 0);
        }

        var net = load - Math.Max(0, generation.GenerationKWh(start, duration));
        return net >= 0 ? (net, 0) : (0, -net);
    }
}
