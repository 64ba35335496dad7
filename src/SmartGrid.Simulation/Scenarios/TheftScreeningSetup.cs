using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// What a theft screening of a simulated fleet needs besides the fleet: the window of whole UTC
/// days to judge, the reading interval, the seed (the training fleet uses another stream of it),
/// the screening settings, and how households are made (so training households match the fleet's).
/// </summary>
/// <param name="Start">First day of the window, midnight UTC.</param>
/// <param name="Days">Days in the window.</param>
/// <param name="Interval">Length of a reading.</param>
/// <param name="Seed">The fleet's seed.</param>
/// <param name="Screening">The screening settings.</param>
/// <param name="LoadParameters">The load model's parameters (with the fleet's archetype mix).</param>
/// <param name="Household">Household i of a model, equipped as the fleet's are.</param>
public sealed record TheftScreeningSetup(
    DateTimeOffset Start,
    int Days,
    TimeSpan Interval,
    ulong Seed,
    TheftScreeningSpec Screening,
    LoadModelParameters LoadParameters,
    Func<HouseholdLoadModel, long, IHouseholdLoad> Household)
{
    /// <summary>Readings per day.</summary>
    public int IntervalsPerDay => (int)(TimeSpan.TicksPerDay / Interval.Ticks);

    /// <summary>The UTC dates of the window.</summary>
    public DateOnly[] Dates() => [.. Enumerable.Range(0, Days).Select(d => DateOnly.FromDateTime(Start.UtcDateTime.AddDays(d)))];
}
