using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SmartGrid.Analytics.Area;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Analytics;

/// <summary>
/// Hosts an <see cref="AreaMonitor"/> for one concentrator's area. It takes the 1.8.0 registers
/// and 32.7.0 voltages of its meters' verified blocks as the meter grains hand them over with their
/// heads (through the concentrator, <see cref="AreaSamples"/>); at each sealed interval, it reads
/// from the ledger store whatever anchored block did not come that way (never a device's say-so),
/// adds the feeder readings, and closes the interval.
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
    private long _headsReadBack;

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
    public Task ObserveSamplesAsync(ImmutableArray<AreaSamples> samples)
    {
        foreach (var taken in samples.IsDefault ? [] : samples)
        {
            Take(taken);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<AreaFinding>> ObserveIntervalAsync(AreaInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        await ObserveSamplesAsync(interval.Samples);
        foreach (var anchor in interval.Anchors)
        {
            // Whatever the meter grains did not hand over (an activation that lost them, a gap)
            // is read back from the verified, stored blocks.
            var from = _read.TryGetValue(anchor.Child, out var last) ? last + 1 : anchor.Sequence;
            if (from > anchor.Sequence || anchor.Sequence > long.MaxValue)
            {
                continue;
            }

            var blocks = new List<MeterBlock>();
            await foreach (var entry in _ledger.ReadAsync(ChainId.Meter(anchor.Child), (long)from))
            {
                if (entry.Height > (long)anchor.Sequence)
                {
                    break;
                }

                try
                {
                    blocks.Add(MeterBlock.Decode(entry.Bytes.Span));
                }
                catch (LedgerFormatException ex)
                {
                    // The audit names the record; analytics carries on without it.
                    LogUnreadable(anchor.Child.Value, entry.Height, ex.Message);
                }
            }

            _read[anchor.Child] = anchor.Sequence;
            _monitor.ObserveMeter(anchor.Child.Value, AreaSampling.Of(anchor.Child, blocks) is { } read ? AreaSampling.ToMeterSamples(read) : []);
            _headsReadBack++;
        }

        foreach (var reading in interval.Feeder)
        {
            _monitor.ObserveFeeder(reading.Start, reading.End, reading.ImportWh);
        }

        _intervals++;
        _monitor.CloseInterval(interval.End, [.. interval.Members.Select(m => m.Value)]);

        // Everything found since the last interval: in the readings handed over in batches before
        // the close, in those read back, and at the close.
        var found = _monitor.TakeNew();
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
        HeadsReadBack = _headsReadBack,
    });

    private static AreaFinding ToFinding(AreaVerdict verdict) =>
        new() { Kind = verdict.Kind.ToString(), Subject = verdict.Subject, Time = verdict.Time, Value = verdict.Value, Evidence = verdict.Evidence };

    // Samples continuing where the meter's last ones ended (or a meter's first) feed the
    // monitor; anything else is left to the store read at the interval's close.
    private void Take(AreaSamples? samples)
    {
        if (samples is null || !samples.IsWellFormed)
        {
            return;
        }

        if (_read.TryGetValue(samples.Meter, out var last) && samples.FromSequence != last + 1)
        {
            return;
        }

        _read[samples.Meter] = samples.ThroughSequence;
        _monitor.ObserveMeter(samples.Meter.Value, AreaSampling.ToMeterSamples(samples));
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Area {Area}: {Kind}: {Evidence}")]
    private partial void LogAreaVerdict(string area, string kind, string evidence);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Area analytics: meter {Meter} block {Height} does not decode ({Detail}); skipped")]
    private partial void LogUnreadable(string meter, long height, string detail);
}
