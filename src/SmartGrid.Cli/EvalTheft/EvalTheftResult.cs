using SmartGrid.Analytics.Evaluation;
using SmartGrid.Analytics.Theft;

namespace SmartGrid.Cli.EvalTheft;

/// <summary>What an evaluation produced: the figures on the test households and every test score.</summary>
/// <param name="Evaluation">Overall and per-type figures at the threshold.</param>
/// <param name="Scores">Every scored test item.</param>
/// <param name="TrainHouseholds">Households the model was fitted on.</param>
/// <param name="TestHouseholds">Held-out households the figures come from.</param>
/// <param name="Details">Lines describing the model (classifier, combiner weights).</param>
public sealed record EvalTheftResult(TheftEvaluation Evaluation, IReadOnlyList<ScoredItem> Scores, int TrainHouseholds, int TestHouseholds, IReadOnlyList<string> Details)
{
    /// <summary>The fitted household-day detector (null for the per-customer evaluation of SGCC data, which has its own features).</summary>
    public HybridTheftDetector? Detector { get; init; }
}
