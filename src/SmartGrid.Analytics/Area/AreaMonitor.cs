using System.Globalization;

namespace SmartGrid.Analytics.Area;

/// <summary>
/// Fog-tier analytics of one concentrator's area, fed interval by interval: the energy balance of
/// the feeder meter against the sum of its meters, voltage against EN 50160's limits, import
/// registers that run backwards, silent meters told apart from an area outage, and the meter faults
/// of <see cref="Faults.RegisterFaultDetector"/>, <see cref="Faults.DriftDetector"/> and
/// <see cref="Faults.NeutralLossDetector"/> judged online (stuck, flat-lined, drifting, neutral loss).
/// </summary>
/// <remarks>
/// The balance starts once every meter of the area has a reference reading (energy before a
/// meter's first register is unknown), is judged on totals from then on, and only when every
/// meter is current: a meter that was silent delivers its readings later (store-and-forward), and
/// judging before then would flag the outage as theft. The monitor keeps per meter only its last
/// registers and a few running figures per fault rule (no history), so its state is small and
/// bounded and each sample costs O(1). A sample that does not end after the meter's latest one (a
/// replay) is ignored. Fault verdicts come once per episode: a reversed, stuck, flat-lined or
/// neutral-loss meter gives one verdict until its episode ends, a drifting meter one in all.
/// </remarks>
public sealed partial class AreaMonitor
{
    private readonly AreaMonitorOptions _options;
    private readonly Dictionary<string, MeterTrack> _meters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _silent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Queue<AreaVerdict> _verdicts = new();
    private readonly List<AreaVerdict> _new = [];
    private readonly Dictionary<AreaVerdictKind, long> _counts = [];
    private bool _balancing;

    /// <summary>Creates a monitor for the area <paramref name="areaId"/>.</summary>
    /// <exception cref="AnalyticsInputException">An option is out of range.</exception>
    public AreaMonitor(string areaId, AreaMonitorOptions? options = null)
    {
        if (string.IsNullOrEmpty(areaId))
        {
            throw new AnalyticsInputException("an area needs an id", nameof(areaId));
        }

        AreaId = areaId;
        _options = options ?? new AreaMonitorOptions();
        _options.Validate();
    }

    /// <summary>The area (concentrator) id.</summary>
    public string AreaId { get; }

    /// <summary>Feeder energy observed so far, Wh.</summary>
    public double FeederWh { get; private set; }

    /// <summary>Energy the area's meters recorded so far (positive register steps), Wh.</summary>
    public double MeteredWh { get; private set; }

    /// <summary>Unmetered share of the feeder's energy so far, or null before any feeder energy.</summary>
    public double? LossFraction => FeederWh > 0 ? (FeederWh - MeteredWh) / FeederWh : null;

    /// <summary>The latest verdicts, oldest first (at most <see cref="AreaMonitorOptions.MaxVerdicts"/>).</summary>
    public IReadOnlyCollection<AreaVerdict> Verdicts => _verdicts;

    /// <summary>How many verdicts of each kind were ever given.</summary>
    public IReadOnlyDictionary<AreaVerdictKind, long> Counts => _counts;

    /// <summary>
    /// Takes a meter's new readings, in time order (a reading that does not end after the meter's
    /// latest one is a replay and ignored). The first reading of a meter only sets its register;
    /// later ones add their step to the metered energy and feed the per-sample fault rules (reversed,
    /// flat-lined, neutral loss; the stuck and drift rules are judged at <see cref="CloseInterval"/>).
    /// Returns the interval energies (register steps, Wh) of the readings that had a predecessor and
    /// did not run backwards.
    /// </summary>
    public IReadOnlyList<double> ObserveMeter(string meterId, IReadOnlyList<MeterSample> samples)
    {
        if (string.IsNullOrEmpty(meterId))
        {
            throw new AnalyticsInputException("a meter needs an id", nameof(meterId));
        }

        ArgumentNullException.ThrowIfNull(samples);
        _reported.Add(meterId);
        _silent.Remove(meterId);
        var steps = new List<double>(samples.Count);
        var thresholds = _options.Thresholds;
        var low = thresholds.Volts(100 - thresholds.VoltageAbsoluteLowPercent);
        var high = thresholds.Volts(100 + thresholds.VoltageAbsoluteHighPercent);
        _meters.TryGetValue(meterId, out var meter);
        foreach (var sample in samples)
        {
            if (meter is null)
            {
                meter = new MeterTrack(sample);
                _meters.Add(meterId, meter);
            }
            else if (sample.End.UtcTicks > meter.EndTicks)
            {
                var step = sample.ImportRegisterWh - meter.Import;
                if (step < 0)
                {
                    // Once per episode: a reversed meter runs backwards every interval.
                    if ((meter.Given & FaultFlags.Reversed) == 0)
                    {
                        Give(new AreaVerdict(AreaVerdictKind.RegisterReversed, meterId, sample.End, step, Text($"import register fell by {-step} Wh to {sample.ImportRegisterWh} Wh")));
                    }

                    meter.Given |= FaultFlags.Reversed;
                }
                else
                {
                    MeteredWh += step;
                    steps.Add(step);
                }

                ObserveRegisters(meterId, meter, sample, step);
            }
            else
            {
                continue;
            }

            if (sample.Voltage is { } volts && !double.IsNaN(volts) && (volts < low || volts > high))
            {
                Give(new AreaVerdict(AreaVerdictKind.VoltageOutOfRange, meterId, sample.End, volts, Text($"interval mean {volts:0.0} V is outside {low:0.0}..{high:0.0} V (EN 50160: +{thresholds.VoltageAbsoluteHighPercent}% / -{thresholds.VoltageAbsoluteLowPercent}% of {thresholds.NominalVoltage} V)")));
            }

            ObservePhases(meterId, meter, sample);
        }

        return steps;
    }

    /// <summary>Takes the feeder meter's energy for an interval.</summary>
    public void ObserveFeeder(DateTimeOffset start, DateTimeOffset end, double importWh)
    {
        if (end <= start || importWh < 0 || double.IsNaN(importWh))
        {
            throw new AnalyticsInputException($"a feeder reading needs end after start and energy >= 0, not {start:O}..{end:O} {importWh} Wh", nameof(importWh));
        }

        FeederWh += importWh;
    }

    /// <summary>
    /// Closes an interval: meters of <paramref name="area"/> that delivered nothing since the last
    /// close are silent (an area outage when most are), stuck registers are judged against the
    /// neighbours, each meter's completed days of energy join its drift line once the close reaches
    /// a day's end, and the energy balance is judged when every meter is current. Returns the
    /// verdicts given by this close.
    /// </summary>
    public IReadOnlyList<AreaVerdict> CloseInterval(DateTimeOffset end, IReadOnlyCollection<string> area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var given = new List<AreaVerdict>();
        var silentNow = area.Where(m => !_reported.Contains(m)).ToList();
        _reported.Clear();
        if (area.Count > 0 && silentNow.Count > 0)
        {
            var share = (double)silentNow.Count / area.Count;
            if (silentNow.Count >= _options.MinimumOutageMeters && share >= _options.OutageFraction)
            {
                given.Add(Give(new AreaVerdict(AreaVerdictKind.AreaOutage, AreaId, end, share, Text($"{silentNow.Count} of {area.Count} meters silent at once ({share:P0} >= {_options.OutageFraction:P0}): fault at the concentrator or its feeder"))));
            }
            else
            {
                foreach (var meter in silentNow)
                {
                    given.Add(Give(new AreaVerdict(AreaVerdictKind.MeterSilent, meter, end, 0, Text($"delivered nothing while {area.Count - silentNow.Count} of {area.Count} neighbours did"))));
                }
            }
        }

        foreach (var meter in silentNow)
        {
            _silent.Add(meter);
        }

        JudgeStuck(area, given);
        JudgeDrift(area, given);
        ForgetLeavers(area);

        if (!_balancing)
        {
            // Until every meter has a register to count from, the feeder's energy cannot be split.
            _balancing = area.Count > 0 && area.All(_meters.ContainsKey);
            FeederWh = 0;
            MeteredWh = 0;
            return given;
        }

        if (_silent.Count == 0 && FeederWh >= _options.MinimumFeederWh && LossFraction is { } loss && loss > _options.MaxLossFraction)
        {
            given.Add(Give(new AreaVerdict(AreaVerdictKind.EnergyImbalance, AreaId, end, loss, Text($"the feeder delivered {FeederWh:0} Wh, the meters recorded {MeteredWh:0} Wh: {loss:P1} unmetered > {_options.MaxLossFraction:P0}"))));
        }

        return given;
    }

    // Meters moved to another area keep no state here (the area's state stays bounded by its members).
    private void ForgetLeavers(IReadOnlyCollection<string> area)
    {
        if (_meters.Count <= area.Count)
        {
            return;
        }

        var members = area as ISet<string> ?? new HashSet<string>(area, StringComparer.Ordinal);
        foreach (var leaver in _meters.Keys.Where(id => !members.Contains(id)).ToList())
        {
            _meters.Remove(leaver);
            _silent.Remove(leaver);
        }
    }

    /// <summary>Most verdicts kept for <see cref="TakeNew"/> (a host takes them at every interval's close).</summary>
    public const int MaxNew = 1 << 16;

    /// <summary>
    /// The verdicts given since the last call, oldest first, all of them (unlike
    /// <see cref="Verdicts"/>, which keeps only the latest): what a host records, whether they
    /// were given while taking readings or at a close. A host that never takes them keeps only
    /// the latest <see cref="MaxNew"/>.
    /// </summary>
    public IReadOnlyList<AreaVerdict> TakeNew()
    {
        var taken = _new.ToArray();
        _new.Clear();
        return taken;
    }

    private AreaVerdict Give(AreaVerdict verdict)
    {
        if (_new.Count >= MaxNew)
        {
            _new.RemoveAt(0);
        }

        _new.Add(verdict);
        _verdicts.Enqueue(verdict);
        while (_verdicts.Count > _options.MaxVerdicts)
        {
            _verdicts.Dequeue();
        }

        _counts[verdict.Kind] = _counts.GetValueOrDefault(verdict.Kind) + 1;
        return verdict;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
