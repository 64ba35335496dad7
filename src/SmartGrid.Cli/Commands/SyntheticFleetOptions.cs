using System.CommandLine;

namespace SmartGrid.Cli.Commands;

/// <summary>
/// The options that describe the simulator's synthetic household fleet, shared by the evaluation
/// commands (<c>eval-theft</c>, <c>eval-learning</c>): <c>--synthetic</c>, <c>--households</c>,
/// <c>--days</c> and <c>--interval</c>, each range-checked with a message naming the option.
/// </summary>
internal sealed class SyntheticFleetOptions
{
    /// <summary>Creates the options; each command gives the ranges its method needs.</summary>
    public SyntheticFleetOptions(string syntheticDescription, int minHouseholds, int minDays)
    {
        Synthetic = new Option<bool>("--synthetic") { Description = syntheticDescription };
        Households = new Option<int>("--households") { Description = "Synthetic households", DefaultValueFactory = _ => 300 };
        Days = new Option<int>("--days") { Description = "Synthetic days", DefaultValueFactory = _ => 49 };
        Interval = new Option<int>("--interval") { Description = "Synthetic reading interval in minutes (15, 30, 60)", DefaultValueFactory = _ => 15 };
        Households.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(Households) >= minHouseholds && r.GetValue(Households) <= 100_000, $"--households must be within {minHouseholds}..100,000"));
        Days.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(Days) >= minDays && r.GetValue(Days) <= 150, $"--days must be within {minDays}..150"));
        Interval.Validators.Add(r => EvalTheftCommand.Check(r, r.GetValue(Interval) is 15 or 30 or 60, "--interval must be 15, 30 or 60"));
    }

    /// <summary>Use the synthetic fleet instead of <c>--input</c>.</summary>
    public Option<bool> Synthetic { get; }

    /// <summary>Households in the synthetic fleet.</summary>
    public Option<int> Households { get; }

    /// <summary>Simulated days.</summary>
    public Option<int> Days { get; }

    /// <summary>Reading interval, minutes.</summary>
    public Option<int> Interval { get; }
}
