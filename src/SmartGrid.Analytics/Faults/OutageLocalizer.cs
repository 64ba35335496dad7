using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// Locates outages from many meters' voltages. At each timestamp a meter is dark (every phase below 5 %
/// of nominal), live, or unknown (no sample, or a missing one). A concentrator is out when at least 60 %
/// of its reporting meters, and at least 2, are dark; a feeder is out when at least 60 % of its
/// concentrators with data, and at least 2, are out. Each dark meter is attributed to the highest level
/// that is out (feeder, else concentrator, else the meter itself), and consecutive steps of one
/// attribution form one finding. Unknown meters are neither dark nor live: a concentrator whose meters
/// all went silent is not judged (that is a communication fault, not an outage).
/// </summary>
public static class OutageLocalizer
{
    /// <summary>Finds outages and the level they belong to, in order of start, then level (feeder first), then id.</summary>
    /// <param name="topology">Meters to concentrators to feeders.</param>
    /// <param name="voltageByMeter">Each meter's phase voltages (one channel per phase).</param>
    /// <param name="options">The rules; defaults when null.</param>
    /// <exception cref="AnalyticsInputException">A meter is missing from the topology, a voltage is negative, or an option is invalid.</exception>
    public static IReadOnlyList<OutageFinding> Locate(
        GridTopology topology, IReadOnlyDictionary<string, SampledSeries> voltageByMeter, FaultDetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(voltageByMeter);
        var o = options ?? FaultDetectionOptions.Default;
        o.Validate();
        if (voltageByMeter.Count == 0)
        {
            throw new AnalyticsInputException("no meter voltage was given", nameof(voltageByMeter));
        }

        var dark = o.NominalVoltage * o.DarkThresholdPercent / 100;
        var states = new Dictionary<string, Dictionary<DateTimeOffset, bool>>(StringComparer.Ordinal);
        foreach (var (meter, series) in voltageByMeter)
        {
            topology.ConcentratorOf(meter);
            series.RequireNonNegative(nameof(voltageByMeter));
            var byTime = new Dictionary<DateTimeOffset, bool>();
            for (var i = 0; i < series.Count; i++)
            {
                if (!series.IsMissing(i))
                {
                    byTime[series.Times[i]] = Enumerable.Range(0, series.ChannelCount).All(c => series[c, i] < dark);
                }
            }

            states[meter] = byTime;
        }

        var timeline = states.Values.SelectMany(s => s.Keys).Distinct().Order().ToList();
        var step = voltageByMeter.Values.Min(s => s.SampleInterval);
        var runs = new RunBuilder(step);
        foreach (var time in timeline)
        {
            runs.Advance(time);
            AttributeStep(topology, states, time, o, runs);
        }

        return runs.Close();
    }

    private static void AttributeStep(
        GridTopology topology, Dictionary<string, Dictionary<DateTimeOffset, bool>> states, DateTimeOffset time, FaultDetectionOptions o, RunBuilder runs)
    {
        var concentratorsOut = new Dictionary<string, (List<string> Dark, double Fraction)>(StringComparer.Ordinal);
        var concentratorsReporting = new List<string>();
        var darkMeters = new List<string>();
        foreach (var concentrator in topology.Concentrators)
        {
            var known = topology.MetersUnder(concentrator)
                .Where(m => states.TryGetValue(m, out var s) && s.ContainsKey(time))
                .ToList();
            if (known.Count == 0)
            {
                continue;
            }

            concentratorsReporting.Add(concentrator);
            var darkHere = known.Where(m => states[m][time]).ToList();
            darkMeters.AddRange(darkHere);
            var fraction = (double)darkHere.Count / known.Count;
            if (darkHere.Count >= o.MinimumDarkMeters && fraction >= o.OutageFraction)
            {
                concentratorsOut[concentrator] = (darkHere, fraction);
            }
        }

        var feedersOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feeder in concentratorsReporting.Select(topology.FeederOf).OfType<string>().Distinct())
        {
            var under = concentratorsReporting.Where(c => topology.FeederOf(c) == feeder).ToList();
            var outCount = under.Count(concentratorsOut.ContainsKey);
            var fraction = (double)outCount / under.Count;
            if (outCount >= o.MinimumOutConcentrators && fraction >= o.OutageFraction)
            {
                feedersOut.Add(feeder);
                var dark = under.Where(concentratorsOut.ContainsKey).SelectMany(c => concentratorsOut[c].Dark).ToList();
                runs.Add(OutageLevel.Feeder, feeder, time, dark, fraction,
                    $"{outCount} of {under.Count} reporting concentrators on feeder {feeder} out at once (>= {o.OutageFraction:0.##})");
            }
        }

        foreach (var (concentrator, (dark, fraction)) in concentratorsOut)
        {
            if (topology.FeederOf(concentrator) is { } feeder && feedersOut.Contains(feeder))
            {
                continue;
            }

            runs.Add(OutageLevel.Concentrator, concentrator, time, dark, fraction,
                $"{dark.Count} meters under {concentrator} dark at once, {fraction:P0} of those reporting (>= {o.OutageFraction:P0})");
        }

        foreach (var meter in darkMeters)
        {
            var concentrator = topology.ConcentratorOf(meter);
            if (!concentratorsOut.ContainsKey(concentrator))
            {
                runs.Add(OutageLevel.Meter, meter, time, [meter], 1.0,
                    $"meter dark below {o.DarkThresholdPercent:0.##} % of nominal while its concentrator {concentrator} was not out");
            }
        }
    }

    /// <summary>Joins the steps of one attribution into findings.</summary>
    private sealed class RunBuilder(TimeSpan step)
    {
        private readonly Dictionary<(OutageLevel, string), Run> _open = [];
        private readonly List<OutageFinding> _closed = [];
        private DateTimeOffset? _previousStep;

        /// <summary>Moves to the next step of the timeline: a run not extended at the previous step is over.</summary>
        public void Advance(DateTimeOffset time)
        {
            foreach (var key in _open.Keys.Where(k => _open[k].Last != _previousStep).ToList())
            {
                Finish(key);
            }

            _previousStep = time;
        }

        public void Add(OutageLevel level, string id, DateTimeOffset time, IEnumerable<string> dark, double fraction, string evidence)
        {
            if (!_open.TryGetValue((level, id), out var run))
            {
                run = new Run(time, evidence);
                _open[(level, id)] = run;
            }

            run.Last = time;
            run.Dark.UnionWith(dark);
            run.Fraction = Math.Max(run.Fraction, fraction);
        }

        public List<OutageFinding> Close()
        {
            foreach (var key in _open.Keys.ToList())
            {
                Finish(key);
            }

            return _closed.OrderBy(f => f.Start).ThenByDescending(f => f.Level).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        }

        private void Finish((OutageLevel Level, string Id) key)
        {
            var run = _open[key];
            _closed.Add(new OutageFinding(key.Level, key.Id, run.First, run.Last + step, run.Dark.Order(StringComparer.Ordinal).ToList(), run.Fraction, run.Evidence));
            _open.Remove(key);
        }

        private sealed class Run(DateTimeOffset first, string evidence)
        {
            public DateTimeOffset First { get; } = first;

            public string Evidence { get; } = evidence;

            public DateTimeOffset Last { get; set; } = first;

            public SortedSet<string> Dark { get; } = new(StringComparer.Ordinal);

            public double Fraction { get; set; }
        }
    }
}
