namespace SmartGrid.Consensus.Tests.Simulation;

/// <summary>What a simulated run showed: invariant violations (empty when all held) and its figures.</summary>
internal sealed record SimulationResult(
    SimulationScenario Scenario,
    IReadOnlyList<string> Violations,
    int HeightsCommitted,
    long EndMs,
    long MessagesDelivered,
    int EvidenceCommitted,
    IReadOnlyList<long> CommitIntervalsMs,
    IReadOnlyList<uint> FinalScores,
    string Trace)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>One line that names the seed and how to run it again.</summary>
    public string Describe() =>
        $"{Scenario}: {(Passed ? "ok" : string.Join("; ", Violations))} "
        + $"(committed {HeightsCommitted} heights by {EndMs} ms; replay: PoefSimulation.Replay(seed: {Scenario.Seed}, validators: {Scenario.Validators}, heights: {Scenario.TargetHeights}) "
        + $"or `dotnet run -c Release --project benchmarks/SmartGrid.Benchmarks -- poef-soak --replay {Scenario.Seed} --n {Scenario.Validators} --heights {Scenario.TargetHeights}`)";
}
