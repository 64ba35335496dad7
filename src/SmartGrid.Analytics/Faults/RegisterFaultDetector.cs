using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// Finds stuck, flat-lined and reversed meters from their cumulative energy registers. Stuck: the import
/// register does not move (steps below the register resolution) for at least 8 contiguous intervals while
/// at least half of the other meters under the same concentrator moved over the same span (a meter with
/// no neighbour data is not judged; a vacant dwelling looks the same and needs an inspection). Flat-lined:
/// at least 12 contiguous steps of exactly the same positive size. Reversed: the import register runs
/// backwards in at least 2 intervals, or the export register rises in at least 2 intervals in a household
/// without generation.
/// </summary>
public static class RegisterFaultDetector
{
    /// <summary>Checks every meter's registers.</summary>
    /// <param name="topology">Which meters are neighbours (same concentrator).</param>
    /// <param name="meters">The registers.</param>
    /// <param name="options">The rules; defaults when null.</param>
    /// <exception cref="AnalyticsInputException">A meter is missing from the topology, listed twice, or an option is invalid.</exception>
    public static IReadOnlyList<MeterFault> Detect(GridTopology topology, IReadOnlyList<MeterRegisters> meters, FaultDetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(meters);
        var o = options ?? FaultDetectionOptions.Default;
        o.Validate();
        var byId = new Dictionary<string, MeterRegisters>(StringComparer.Ordinal);
        foreach (var meter in meters)
        {
            topology.ConcentratorOf(meter.MeterId);
            if (!byId.TryAdd(meter.MeterId, meter))
            {
                throw new AnalyticsInputException($"meter '{meter.MeterId}' is listed twice", nameof(meters));
            }
        }

        var faults = new List<MeterFault>();
        foreach (var meter in meters.OrderBy(m => m.MeterId, StringComparer.Ordinal))
        {
            var steps = RegisterStep.Of(meter.ImportWh);
            var neighbours = topology.MetersUnder(topology.ConcentratorOf(meter.MeterId))
                .Where(id => id != meter.MeterId && byId.ContainsKey(id))
                .Select(id => byId[id].ImportWh)
                .ToList();
            faults.AddRange(Stuck(meter.MeterId, steps, neighbours, o));
            faults.AddRange(FlatLined(meter.MeterId, steps, o));
            faults.AddRange(Reversed(meter, steps, o));
        }

        return faults;
    }

    private static IEnumerable<MeterFault> Stuck(string meterId, List<RegisterStep> steps, List<SampledSeries> neighbours, FaultDetectionOptions o)
    {
        foreach (var run in RegisterStep.Runs(steps, s => Math.Abs(s.Delta) < o.RegisterResolutionWh, (_, _) => true))
        {
            if (run.Count < o.StuckIntervals)
            {
                continue;
            }

            var (start, end) = (run[0].Start, run[^1].End);
            var judged = neighbours
                .Select(n => (From: RegisterStep.ValueAt(n, start), To: RegisterStep.ValueAt(n, end)))
                .Where(p => p.From is not null && p.To is not null)
                .ToList();
            var moved = judged.Count(p => p.To!.Value - p.From!.Value >= o.RegisterResolutionWh);
            if (judged.Count > 0 && moved >= o.MovingNeighbourFraction * judged.Count)
            {
                yield return new MeterFault(meterId, MeterFaultKind.StuckRegister, start, end, run.Count,
                    $"import register unchanged for {run.Count} intervals while {moved} of {judged.Count} neighbours' registers moved");
            }
        }
    }

    private static IEnumerable<MeterFault> FlatLined(string meterId, List<RegisterStep> steps, FaultDetectionOptions o) =>
        RegisterStep.Runs(steps, s => s.Delta >= o.RegisterResolutionWh, (a, b) => a.Delta == b.Delta)
            .Where(run => run.Count >= o.FlatLineIntervals)
            .Select(run => new MeterFault(meterId, MeterFaultKind.FlatLined, run[0].Start, run[^1].End, run.Count,
                $"import register advanced by exactly {run[0].Delta} Wh in each of {run.Count} intervals"));

    private static IEnumerable<MeterFault> Reversed(MeterRegisters meter, List<RegisterStep> steps, FaultDetectionOptions o)
    {
        var backwards = steps.Where(s => s.Delta <= -o.RegisterResolutionWh).ToList();
        if (backwards.Count >= o.ReversedIntervals)
        {
            yield return new MeterFault(meter.MeterId, MeterFaultKind.Reversed, backwards[0].Start, backwards[^1].End, -backwards.Sum(s => s.Delta),
                $"import register ran backwards in {backwards.Count} intervals, {-backwards.Sum(s => s.Delta):0.#} Wh in all");
        }

        if (meter.HasGeneration || meter.ExportWh is null)
        {
            yield break;
        }

        var exported = RegisterStep.Of(meter.ExportWh).Where(s => s.Delta >= o.RegisterResolutionWh).ToList();
        if (exported.Count >= o.ReversedIntervals)
        {
            yield return new MeterFault(meter.MeterId, MeterFaultKind.Reversed, exported[0].Start, exported[^1].End, exported.Sum(s => s.Delta),
                $"export register rose in {exported.Count} intervals, {exported.Sum(s => s.Delta):0.#} Wh in all, in a household without generation");
        }
    }
}
