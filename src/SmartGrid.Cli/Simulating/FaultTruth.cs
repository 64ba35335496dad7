namespace SmartGrid.Cli.Simulating;

/// <summary>A meter fault the scenario injected: the ground truth the fault verdicts are judged against.</summary>
/// <param name="MeterId">The faulty meter.</param>
/// <param name="Kind">The scenario's kind: <c>stuck</c>, <c>flat</c>, <c>reversed</c>, <c>drift</c> or <c>neutral_loss</c>.</param>
/// <param name="From">When the fault starts.</param>
/// <param name="To">When it ends (the scenario's end when it lasts).</param>
public sealed record FaultTruth(string MeterId, string Kind, DateTimeOffset From, DateTimeOffset To);
