namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// The ground truth of one faulty meter in a scenario: what goes wrong (<see cref="Kind"/>, one of
/// <see cref="MeterFaultSpec.Kinds"/>) in the intervals starting in [<see cref="From"/>,
/// <see cref="To"/>), and how. It is also the fault's behaviour (<see cref="Register"/>,
/// <see cref="PhaseFactors"/>), so what the meter does and what the evaluation is told cannot differ.
/// </summary>
/// <param name="Kind">What goes wrong: <c>stuck</c>, <c>flat</c>, <c>reversed</c>, <c>drift</c> or <c>neutral_loss</c>.</param>
/// <param name="From">Start of the first faulty interval.</param>
/// <param name="To">End of the fault (exclusive); null: the meter stays faulty to the end of the run.</param>
public sealed record PlannedFault(string Kind, DateTimeOffset From, DateTimeOffset? To)
{
    /// <summary>Index of the meter's group in <see cref="Scenario.MeterFaults"/>.</summary>
    public int Group { get; init; }

    /// <summary>Flat only: the energy the register counts every interval, whole Wh (at least 1); 0 otherwise.</summary>
    public long FlatWh { get; init; }

    /// <summary>Drift only: the counting error's growth, percent per day since <see cref="From"/>; 0 otherwise.</summary>
    public double PercentPerDay { get; init; }

    /// <summary>Neutral loss only: how far L1 rises and L2 falls, percent; 0 otherwise.</summary>
    public double UnbalancePercent { get; init; }

    /// <summary>Whether the interval starting at <paramref name="start"/> is faulty.</summary>
    public bool IsActive(DateTimeOffset start) => start >= From && (To is not { } to || start < to);

    /// <summary>
    /// What the import register counts for the interval starting at <paramref name="start"/>, kWh,
    /// given what the meter reports (<paramref name="reportedKWh"/>, not negative): stuck 0, flat
    /// <see cref="FlatWh"/>, reversed minus the reported energy, drift the reported energy times
    /// (1 + <see cref="PercentPerDay"/>/100 × days since <see cref="From"/>), never below 0.
    /// Outside the fault, and for a neutral loss, the reported energy.
    /// </summary>
    public double Register(DateTimeOffset start, double reportedKWh)
    {
        if (!IsActive(start))
        {
            return reportedKWh;
        }

        return Kind switch
        {
            MeterFaultSpec.Stuck => 0,
            MeterFaultSpec.Flat => FlatWh / 1000.0,
            MeterFaultSpec.Reversed => -reportedKWh,
            MeterFaultSpec.Drift => Math.Max(0, reportedKWh * (1 + (PercentPerDay / 100 * (start - From).TotalDays))),
            _ => reportedKWh,
        };
    }

    /// <summary>
    /// Factors on the phase voltages L1, L2, L3 in the interval starting at <paramref name="start"/>:
    /// (1 + u, 1 − u, 1) with u = <see cref="UnbalancePercent"/>/100 during a neutral loss (the
    /// star point floats, the mean stays near nominal), (1, 1, 1) otherwise.
    /// </summary>
    public (double L1, double L2, double L3) PhaseFactors(DateTimeOffset start)
    {
        if (Kind != MeterFaultSpec.NeutralLoss || !IsActive(start))
        {
            return (1, 1, 1);
        }

        var u = UnbalancePercent / 100;
        return (1 + u, 1 - u, 1);
    }
}
