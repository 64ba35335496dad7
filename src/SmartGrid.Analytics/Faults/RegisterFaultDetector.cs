using System.Globalization;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// Finds stuck, flat-lined and reversed meters from their cumulative energy registers. Stuck: the import
/// register does not move (steps below the register resolution) for at least 8 contiguous intervals, nor
/// does its export register when it has one (a PV household exporting all day imports nothing), while at
/// least half of the other meters under the same concentrator moved (import or export) over the same span (a meter with
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
                .Select(id => byId[id])
                .ToList();
            faults.AddRange(Stuck(meter, steps, neighbours, o));
            faults.AddRange(FlatLined(meter.MeterId, steps, o));
            faults.AddRange(Reversed(meter, steps, o));
        }

        return faults;
    }

    private static IEnumerable<MeterFault> Stuck(MeterRegisters meter, List<RegisterStep> steps, List<MeterRegisters> neighbours, FaultDetectionOptions o)
    {
        foreach (var run in RegisterStep.Runs(steps, s => Math.Abs(s.Delta) < o.RegisterResolutionWh, (_, _) => true))
        {
            var (start, end) = (run[0].Start, run[^1].End);
            if (run.Count < o.StuckIntervals || Moved(meter.ExportWh, start, end, o) == true)
            {
                continue;
            }

            var judged = neighbours
                .Select(n => Moved(n.ImportWh, start, end, o) is { } import ? import || Moved(n.ExportWh, start, end, o) == true : (bool?)null)
                .OfType<bool>()
                .ToList();
            var moved = judged.Count(m => m);
            if (judged.Count > 0 && moved >= o.MovingNeighbourFraction * judged.Count)
            {
                yield return new MeterFault(meter.MeterId, MeterFaultKind.StuckRegister, start, end, run.Count, StuckEvidence(run.Count, moved, judged.Count, meter.ExportWh is not null));
            }
        }
    }

    /// <summary>The stuck rule's figures in words.</summary>
    internal static string StuckEvidence(long intervals, int moved, int judged, bool withExport) => string.Create(
        CultureInfo.InvariantCulture,
        $"import register unchanged{(withExport ? " (and export register)" : "")} for {intervals} intervals while {moved} of {judged} neighbours' registers moved");

    /// <summary>The flat-line rule's figures in words.</summary>
    internal static string FlatLineEvidence(double step, long intervals) => string.Create(
        CultureInfo.InvariantCulture, $"import register advanced by exactly {step} Wh in each of {intervals} intervals");

    /// <summary>Whether <paramref name="register"/> moved by at least the resolution from <paramref name="start"/> to <paramref name="end"/>; null without values at both.</summary>
    private static bool? Moved(SampledSeries? register, DateTimeOffset start, DateTimeOffset end, FaultDetectionOptions o) =>
        register is not null && RegisterStep.ValueAt(register, start) is { } from && RegisterStep.ValueAt(register, end) is { } to
            ? Math.Abs(to - from) >= o.RegisterResolutionWh
            : null;

    private static IEnumerable<MeterFault> FlatLined(string meterId, List<RegisterStep> steps, FaultDetectionOptions o) =>
        RegisterStep.Runs(steps, s => s.Delta >= o.RegisterResolutionWh, (a, b) => a.Delta == b.Delta)
            .Where(run => run.Count >= o.FlatLineIntervals)
            .Select(run => new MeterFault(meterId, MeterFaultKind.FlatLined, run[0].Start, run[^1].End, run.Count, FlatLineEvidence(run[0].Delta, run.Count)));

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
