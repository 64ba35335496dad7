namespace SmartGrid.Simulation.Scenarios;

/// <summary>
/// The utility's theft screening after the run: a hybrid detector trained on a separate, seeded
/// fleet of households (never the ones it scores) with attacks injected, then applied to every
/// household-day of verified readings read back from the ledger.
/// </summary>
public sealed record TheftScreeningSpec
{
    /// <summary>Whether to screen. Default: when the scenario has attackers.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Households of the training fleet. Default 300.</summary>
    public int TrainingHouseholds { get; init; } = 300;

    /// <summary>Share of the training fleet's household-days with an attack injected. Default 0.1.</summary>
    public double TrainingAttackFraction { get; init; } = 0.1;

    /// <summary>False-positive rate the alarm threshold aims at on the training fleet. Default 0.02.</summary>
    public double TargetFalsePositiveRate { get; init; } = 0.02;
}
