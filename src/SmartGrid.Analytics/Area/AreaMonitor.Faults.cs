using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Area;

/// <summary>The streaming meter-fault rules of the monitor (stuck, flat-lined, drifting, neutral loss).</summary>
public sealed partial class AreaMonitor
{
    private int _driftDay = int.MinValue;

    private FaultDetectionOptions FaultRules => _options.Faults;

    /// <summary>The UTC day a sample ending at <paramref name="endTicks"/> belongs to: days are (start, end].</summary>
    private static int DayOf(long endTicks) => (int)((endTicks - 1) / TimeSpan.TicksPerDay);

    /// <summary>Takes a sample that follows the meter's latest one: movement, flat lines and the day's energy.</summary>
    private void ObserveRegisters(string meterId, MeterTrack meter, MeterSample sample, long step)
    {
        var rules = FaultRules;
        var resolution = rules.RegisterResolutionWh;
        var ticks = sample.End.UtcTicks;
        var span = ticks - meter.EndTicks;
        // The meter's step is its latest span: one odd reading (a resynchronised clock) must not
        // set it for good, and a flat line needs consecutive steps of one span anyway.
        meter.StepTicks = span;
        var exportStep = sample.ExportRegisterWh is { } export && meter.Export is { } lastExport ? export - lastExport : 0;
        if (step >= resolution)
        {
            meter.Given &= ~FaultFlags.Reversed;
        }

        if (Math.Abs(step) >= resolution || Math.Abs(exportStep) >= resolution)
        {
            meter.LastMoveTicks = ticks;
            meter.Given &= ~FaultFlags.Stuck;
        }

        // Flat line: contiguous steps of one size at or above the resolution.
        if (step >= resolution && step == meter.FlatStep && span == meter.StepTicks && meter.FlatCount > 0)
        {
            meter.FlatCount++;
        }
        else
        {
            meter.FlatStep = step;
            meter.FlatCount = step >= resolution ? 1 : 0;
            meter.Given &= ~FaultFlags.FlatLined;
        }

        if (meter.FlatCount >= rules.FlatLineIntervals && (meter.Given & FaultFlags.FlatLined) == 0)
        {
            meter.Given |= FaultFlags.FlatLined;
            Give(new AreaVerdict(AreaVerdictKind.RegisterFlatLined, meterId, sample.End, meter.FlatCount, RegisterFaultDetector.FlatLineEvidence(step, meter.FlatCount)));
        }

        // The day's energy: complete when its steps cover the whole day, the last one ending at midnight.
        var day = DayOf(ticks);
        var dayStart = day * TimeSpan.TicksPerDay;
        if (day != meter.Day)
        {
            (meter.Day, meter.DayWh, meter.DayTicks) = (day, 0, 0);
        }

        meter.DayTicks += meter.EndTicks >= dayStart ? span : 0;
        meter.DayWh += Math.Max(0, step);
        if (ticks == dayStart + TimeSpan.TicksPerDay && meter.DayTicks == TimeSpan.TicksPerDay)
        {
            (meter.CompletedDay, meter.CompletedWh) = (day, meter.DayWh);
        }

        meter.Import = sample.ImportRegisterWh;
        meter.Export = sample.ExportRegisterWh ?? meter.Export;
        meter.EndTicks = ticks;
    }

    /// <summary>Neutral loss, on samples that carry all three phase voltages: one verdict per run of suspect samples.</summary>
    private void ObservePhases(string meterId, MeterTrack meter, MeterSample sample)
    {
        if (sample is not { Voltage: { } l1, VoltageL2: { } l2, VoltageL3: { } l3 } || !double.IsFinite(l1 + l2 + l3))
        {
            return;
        }

        if (!NeutralLossDetector.IsSuspect(l1, l2, l3, FaultRules))
        {
            meter.Given &= ~FaultFlags.NeutralLoss;
            return;
        }

        if ((meter.Given & FaultFlags.NeutralLoss) == 0)
        {
            meter.Given |= FaultFlags.NeutralLoss;
            var unbalance = VoltageUnbalance.PhaseApproximation(l1, l2, l3);
            Give(new AreaVerdict(AreaVerdictKind.NeutralLoss, meterId, sample.End, unbalance, NeutralLossDetector.Evidence(l1, l2, l3, unbalance, FaultRules)));
        }
    }

    /// <summary>
    /// Stuck registers: a meter whose registers have not moved for at least the rule's intervals (of its
    /// own step), while enough of the neighbours with data past the start of that span moved after it.
    /// </summary>
    private void JudgeStuck(IReadOnlyCollection<string> area, List<AreaVerdict> given)
    {
        var rules = FaultRules;
        List<(string Id, MeterTrack Meter)>? candidates = null;
        var known = new List<MeterTrack>(area.Count);
        foreach (var id in area)
        {
            if (!_meters.TryGetValue(id, out var meter))
            {
                continue;
            }

            if (meter.StepTicks == 0)
            {
                // Only its first reading so far: whether it moves is not known yet.
                continue;
            }

            known.Add(meter);
            if ((meter.Given & FaultFlags.Stuck) == 0 && StillIntervals(meter) >= rules.StuckIntervals)
            {
                (candidates ??= []).Add((id, meter));
            }
        }

        if (candidates is null)
        {
            return;
        }

        // Sorted once: how many neighbours reach past, and moved after, a span's start is a binary search.
        var ends = known.Select(m => m.EndTicks).Order().ToArray();
        var moves = known.Select(m => m.LastMoveTicks).Order().ToArray();
        foreach (var (id, meter) in candidates)
        {
            var since = meter.LastMoveTicks;
            var judged = CountAfter(ends, since) - 1;
            var moved = CountAfter(moves, since);
            if (judged > 0 && moved >= rules.MovingNeighbourFraction * judged)
            {
                meter.Given |= FaultFlags.Stuck;
                var intervals = StillIntervals(meter);
                given.Add(Give(new AreaVerdict(AreaVerdictKind.RegisterStuck, id, new DateTimeOffset(meter.EndTicks, TimeSpan.Zero), intervals,
                    RegisterFaultDetector.StuckEvidence(intervals, moved, judged, meter.Export is not null))));
            }
        }
    }

    private static long StillIntervals(MeterTrack meter) => (meter.EndTicks - meter.LastMoveTicks) / meter.StepTicks;

    /// <summary>How many of <paramref name="sorted"/> are later than <paramref name="ticks"/>.</summary>
    private static int CountAfter(long[] sorted, long ticks)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            (low, high) = sorted[mid] <= ticks ? (mid + 1, high) : (low, mid);
        }

        return sorted.Length - low;
    }

    /// <summary>
    /// Drift: once the area's middle meter's latest reading reaches the end of a day, each meter of the area that has that whole day
    /// adds the point (day, ln(its energy / median of the others')) to its line, when at least two others
    /// have positive energy that day. A meter completing the day later (store-and-forward) misses the point.
    /// </summary>
    private void JudgeDrift(IReadOnlyCollection<string> area, List<AreaVerdict> given)
    {
        // The data's time, not the close's (a node seals on its own clock, maybe long after the
        // readings), and the area's middle meter's, not its latest: one meter with a clock ahead
        // must not close days for everyone.
        var ends = area.Select(id => _meters.TryGetValue(id, out var m) ? m.EndTicks : 0L).Where(t => t > 0).Order().ToList();
        if (ends.Count == 0)
        {
            return;
        }

        var lastEnded = (int)(ends[ends.Count / 2] / TimeSpan.TicksPerDay) - 1;
        if (lastEnded <= _driftDay)
        {
            return;
        }

        var from = _driftDay;
        _driftDay = lastEnded;
        var days = new List<(int Day, double Wh, string Id, MeterTrack Meter)>();
        foreach (var id in area)
        {
            if (_meters.TryGetValue(id, out var meter) && meter.CompletedDay > from && meter.CompletedDay <= lastEnded && meter.CompletedWh > 0)
            {
                days.Add((meter.CompletedDay, meter.CompletedWh, id, meter));
            }
        }

        // Each day's values are a sorted run: a meter's reference is the run's median without it.
        days.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Wh.CompareTo(b.Wh));
        var values = days.Select(d => d.Wh).ToArray();
        for (var start = 0; start < days.Count;)
        {
            var stop = start;
            while (stop < days.Count && days[stop].Day == days[start].Day)
            {
                stop++;
            }

            if (stop - start >= 3)
            {
                var cohort = values.AsSpan(start, stop - start);
                for (var i = start; i < stop; i++)
                {
                    AddDriftPoint(days[i].Id, days[i].Meter, days[i].Day, Math.Log(days[i].Wh / DriftLine.MedianExcluding(cohort, i - start)), given);
                }
            }

            start = stop;
        }
    }

    private void AddDriftPoint(string id, MeterTrack meter, int day, double y, List<AreaVerdict> given)
    {
        meter.Drift.Add(day, y);
        if ((meter.Given & FaultFlags.Drifting) == 0 && meter.Drift.IsDrift(FaultRules))
        {
            meter.Given |= FaultFlags.Drifting;
            var dayEnd = new DateTimeOffset((day + 1) * TimeSpan.TicksPerDay, TimeSpan.Zero);
            given.Add(Give(new AreaVerdict(AreaVerdictKind.MeterDrifting, id, dayEnd, meter.Drift.Change, meter.Drift.Evidence())));
        }
    }
}
