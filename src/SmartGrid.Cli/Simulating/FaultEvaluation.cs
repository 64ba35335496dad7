using System.Collections.Immutable;
using SmartGrid.Ledger.Tiers;
using SmartGrid.Simulation.Scenarios;

namespace SmartGrid.Cli.Simulating;

/// <summary>
/// Judges the fault verdicts the fog analytics signed into the concentrator chains against the
/// faults the scenario injected: per kind, how many faulty meters got a verdict of their kind in
/// the fault's window (up to <see cref="Grace"/> after it ended, since a verdict is given when the
/// evidence is complete), how many other meters got one, and how long detection took.
/// </summary>
public static class FaultEvaluation
{
    /// <summary>The scenario's fault kinds and the chain event that reports each, in the order they are reported.</summary>
    public static readonly ImmutableArray<(string Kind, ChainEventKind Verdict)> Kinds =
    [
        (MeterFaultSpec.Stuck, ChainEventKind.RegisterStuck),
        (MeterFaultSpec.Flat, ChainEventKind.RegisterFlatLined),
        (MeterFaultSpec.Reversed, ChainEventKind.RegisterReversed),
        (MeterFaultSpec.Drift, ChainEventKind.MeterDrifting),
        (MeterFaultSpec.NeutralLoss, ChainEventKind.NeutralLoss),
    ];

    /// <summary>How long after a fault's end a verdict still counts as detecting it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    /// <summary>The fault verdict kinds, by chain event kind.</summary>
    public static bool IsFaultVerdict(ChainEventKind kind) => Kinds.Any(k => k.Verdict == kind);

    /// <summary>The faults <paramref name="plan"/> injects into its meters (the fleet's ids, in meter order).</summary>
    public static IReadOnlyList<FaultTruth> TruthOf(ScenarioPlan plan, IReadOnlyList<string> meterIds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(meterIds);
        var truths = new List<FaultTruth>();
        for (var i = 0; i < meterIds.Count; i++)
        {
            if (plan.FaultOf(i) is { } fault)
            {
                truths.Add(new FaultTruth(meterIds[i], fault.Kind, fault.From, fault.To ?? plan.Scenario.End));
            }
        }

        return truths;
    }

    /// <summary>The figures of every kind, from the injected <paramref name="truths"/> and the recorded <paramref name="events"/> of a fleet of <paramref name="meters"/>.</summary>
    public static ImmutableArray<FaultKindFigures> Evaluate(int meters, IEnumerable<FaultTruth> truths, IEnumerable<ChainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(events);
        var truthList = truths.ToList();
        var verdicts = events.ToLookup(e => e.Kind);
        var figures = ImmutableArray.CreateBuilder<FaultKindFigures>(Kinds.Length);
        foreach (var (kind, verdict) in Kinds)
        {
            var faulty = truthList.Where(t => t.Kind == kind).ToDictionary(t => t.MeterId, StringComparer.Ordinal);
            var firstByMeter = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var falseAlarms = new HashSet<string>(StringComparer.Ordinal);
            var outOfWindow = 0;
            foreach (var e in verdicts[verdict])
            {
                var meter = e.Subject.Value;
                if (!faulty.TryGetValue(meter, out var truth))
                {
                    falseAlarms.Add(meter);
                }
                else if (e.Time >= truth.From && e.Time <= truth.To + Grace)
                {
                    firstByMeter[meter] = firstByMeter.TryGetValue(meter, out var first) && first <= e.Time ? first : e.Time;
                }
                else
                {
                    outOfWindow++;
                }
            }

            var delays = firstByMeter.Select(p => (p.Value - faulty[p.Key].From).TotalHours).Order().ToList();
            figures.Add(new FaultKindFigures(
                kind,
                verdict.ToString(),
                faulty.Count,
                firstByMeter.Count,
                falseAlarms.Count,
                verdicts[verdict].Count(),
                delays.Count == 0 ? null : Median(delays),
                meters - faulty.Count)
            {
                OutOfWindow = outOfWindow,
            });
        }

        return figures.MoveToImmutable();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
