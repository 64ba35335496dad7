using SmartGrid.Analytics.Evaluation;
using SmartGrid.Cli.EvalTheft;

namespace SmartGrid.Cli.Simulating;

/// <summary>What the theft screening of a run found: every household-day's score against the ground truth, and the figures when both classes occur.</summary>
/// <param name="Scored">Every household-day, with its label (the meter really under-reported that day) and attack type.</param>
/// <param name="Evaluation">Detection figures, or null when the run has no stolen or no honest day.</param>
/// <param name="Threshold">The alarm threshold the detector chose on its training fleet.</param>
public sealed record TheftScreeningResult(IReadOnlyList<ScoredItem> Scored, TheftEvaluation? Evaluation, double Threshold)
{
    /// <summary>Household-days that raised an alarm.</summary>
    public int Alerts => Scored.Count(s => s.Alarm);

    /// <summary>Alarms on days that were really stolen.</summary>
    public int TrueAlerts => Scored.Count(s => s.Alarm && s.Label);

    /// <summary>Alarms the concentrators took for their next blocks, which sign them as <c>TheftSuspected</c> events.</summary>
    public int SignedEvents { get; init; }

    /// <summary>What the screening grain could not use (chains left out), one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Household-days that were really stolen.</summary>
    public int StolenDays => Scored.Count(s => s.Label);
}
