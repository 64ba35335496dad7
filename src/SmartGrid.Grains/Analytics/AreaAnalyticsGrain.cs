using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartGrid.Analytics.Area;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Analytics;

/// <summary>
/// Hosts an <see cref="AreaMonitor"/> for one concentrator's area. After each sealed interval it
/// reads the newly anchored meter blocks from the ledger store (verified blocks, never a device's
/// say-so), turns their 1.8.0 registers and 32.7.0 voltages into samples, adds the feeder
/// readings, and closes the interval.
/// </summary>
/// <remarks>
/// The monitor lives in memory: it is derived data, rebuilt from the chains if the grain moves.
/// On its first interval a meter is read from its anchored head only, so an activation never
/// replays a meter's whole history.
/// </remarks>
public sealed partial class AreaAnalyticsGrain : Grain, IAreaAnalyticsGrain
{
    private const int MaxFindings = 100;
    private readonly ILedgerStore _ledger;
    private readonly ILogger<AreaAnalyticsGrain> _logger;
    private readonly Dictionary<DeviceId, ulong> _read = [];
    private AreaMonitor _monitor = null!;
    private long _intervals;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public AreaAnalyticsGrain(ILedgerStore ledger, ILogger<AreaAnalyticsGrain> logger)
    {
        _ledger = ledger;
        _logger = logger;
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _monitor = new AreaMonitor(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<AreaFinding>> ObserveIntervalAsync(AreaInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var before = _monitor.Counts.Values.Sum();
        foreach (var anchor in interval.Anchors)
        {
            var from = _read.TryGetValue(anchor.Child, out var last) ? last + 1 : anchor.Sequence;
            if (from > anchor.Sequence || anchor.Sequence > long.MaxValue)
            {
                continue;
            }

            var samples = new List<MeterSample>();
            await foreach (var entry in _ledger.ReadAsync(ChainId.Meter(anchor.Child), (long)from))
            {
                if (entry.Height > (long)anchor.Sequence)
                {
                    break;
                }

                try
                {
                    AddSamples(MeterBlock.Decode(entry.Bytes.Span).Profile, samples);
                }
                catch (LedgerFormatException ex)
                {
                    // The audit names the record; analytics carries on without it.
                    LogUnreadable(anchor.Child.Value, entry.Height, ex.Message);
                }
            }

            _read[anchor.Child] = anchor.Sequence;
            _monitor.ObserveMeter(anchor.Child.Value, samples);
        }

        foreach (var reading in interval.Feeder)
        {
            _monitor.ObserveFeeder(reading.Start, reading.End, reading.ImportWh);
        }

        _intervals++;
        _monitor.CloseInterval(interval.End, [.. interval.Members.Select(m => m.Value)]);

        // Everything found while taking this interval: the meters' readings and its close.
        var found = _monitor.Verdicts.TakeLast((int)Math.Min(_monitor.Verdicts.Count, _monitor.Counts.Values.Sum() - before)).ToList();
        foreach (var verdict in found.Where(v => v.Kind is AreaVerdictKind.EnergyImbalance or AreaVerdictKind.AreaOutage))
        {
            LogAreaVerdict(this.GetPrimaryKeyString(), verdict.Kind.ToString(), verdict.Evidence);
        }

        return [.. found.Select(ToFinding)];
    }

    /// <inheritdoc />
    public Task<AreaReport> GetReportAsync() => Task.FromResult(new AreaReport
    {
        Intervals = _intervals,
        FeederWh = _monitor.FeederWh,
        MeteredWh = _monitor.MeteredWh,
        LossFraction = _monitor.LossFraction,
        Counts = _monitor.Counts.ToImmutableSortedDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal),
        Findings = [.. _monitor.Verdicts.TakeLast(MaxFindings).Select(ToFinding)],
    });

    private static AreaFinding ToFinding(AreaVerdict verdict) =>
        new() { Kind = verdict.Kind.ToString(), Subject = verdict.Subject, Time = verdict.Time, Value = verdict.Value, Evidence = verdict.Evidence };

    private static void AddSamples(LoadProfile profile, List<MeterSample> samples)
    {
        if (profile.IndexOf(Obis.ActiveEnergyImport) < 0)
        {
            return;
        }

        for (var i = 0; i < profile.Readings.Length; i++)
        {
            var register = profile.Value(i, Obis.ActiveEnergyImport);
            if (register is { } wh)
            {
                samples.Add(new MeterSample(profile.Readings[i].End, (long)Math.Round(wh), profile.Value(i, Obis.VoltageL1)));
            }
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Area {Area}: {Kind}: {Evidence}")]
    private partial void LogAreaVerdict(string area, string kind, string evidence);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Area analytics: meter {Meter} block {Height} does not decode ({Detail}); skipped")]
    private partial void LogUnreadable(string meter, long height, string detail);
}
