using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tiers;

/// <summary>
/// A data concentrator (edge-fog tier, EFBDA): its meters push their heads after each upload, and
/// each interval it anchors them, with its feeder meter's readings, in one signed block.
/// </summary>
public sealed partial class ConcentratorGrain : AnchorNodeGrain, IConcentratorGrain
{
    // Meter readings handed over with heads are passed to the area analytics in batches of this
    // many meters (bounded memory, few calls), the rest with the interval's close.
    private const int SamplesPerHandOver = 16;
    private readonly ILogger<ConcentratorGrain> _logger;
    private readonly List<AreaSamples> _samples = [];

    /// <summary>Creates the grain (called by Orleans).</summary>
    public ConcentratorGrain(
        [PersistentState("concentrator", StorageNames.GrainState)] IPersistentState<AnchorNodeState> state,
        ILedgerStore ledger,
        IPkiStore pki,
        IOptions<LedgerOptions> options,
        LedgerClock clock,
        ILogger<ConcentratorGrain> logger)
        : base(state, ledger, pki, (options ?? throw new ArgumentNullException(nameof(options))).Value, clock, logger)
    {
        _logger = logger;
    }

    /// <inheritdoc />
    protected override DeviceRole Role => DeviceRole.Concentrator;

    /// <inheritdoc />
    public async Task OfferMeterHeadAsync(MeterHeadNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var head = notice.Head;
        if (head.ChildRole != DeviceRole.Meter || !IsChild(head.Child))
        {
            CountRefused(head.ChildRole != DeviceRole.Meter ? "not a meter" : "not a child");
            return;
        }

        // A meter delivering blocks older than meter data this concentrator already anchored, or
        // stamped within a feeder interval already sealed (the whole area was cut off, so none of
        // its meter data was anchored), was cut off and stored-and-forwarded them: the outage
        // shows here, as time, not in any chain.
        if ((State.AnchoredUpTo is { } anchoredUpTo && notice.OldestNewBlock < anchoredUpTo)
            || (State.ClosedUpTo is { } closedUpTo && notice.OldestNewBlock <= closedUpTo))
        {
            State.LateDeliveries++;
            State.LateBlocks += notice.NewBlocks;
        }

        Offer(head, notice.HeadTimestamp);
        if (Options.AreaAnalytics && notice.Samples is { } samples && samples.Meter == head.Child)
        {
            _samples.Add(samples);
            if (_samples.Count >= SamplesPerHandOver)
            {
                await HandOverSamplesAsync();
            }
        }
    }

    // Awaited, so the analytics takes every batch before the interval's close, in order.
    private async Task HandOverSamplesAsync()
    {
        ImmutableArray<AreaSamples> batch = [.. _samples];
        _samples.Clear();
        try
        {
            await GrainFactory.GetGrain<IAreaAnalyticsGrain>(Id.Value).ObserveSamplesAsync(batch);
        }
#pragma warning disable CA1031 // Analytics never holds up anchoring: those meters' blocks are read back at the close.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAnalyticsFailed(Id.Value, ex);
        }
    }

    /// <inheritdoc />
    protected override async Task OnSealedAsync(AnchorBlock block)
    {
        // A block with neither anchors nor feeder readings only carries events (theft alarms handed
        // in after the interval): no interval of the area passed, so the analytics are not asked
        // to close one (they would take every meter for silent).
        if (!Options.AreaAnalytics || (block.Anchors.Length == 0 && block.Header.Feeder.Length == 0))
        {
            return;
        }

        ImmutableArray<AreaSamples> samples = [.. _samples];
        _samples.Clear();
        try
        {
            var findings = await GrainFactory.GetGrain<IAreaAnalyticsGrain>(Id.Value).ObserveIntervalAsync(new AreaInterval
            {
                End = block.Timestamp,
                Members = [.. Children],
                Anchors = block.Anchors,
                Feeder = block.Header.Feeder,
                Samples = samples,
            });

            // The verdicts go on the chain, signed, in the next block.
            AddEvents(findings.Select(ToEvent).OfType<ChainEvent>());
        }
#pragma warning disable CA1031 // Analytics never holds up anchoring: the block is sealed and stored.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAnalyticsFailed(Id.Value, ex);
        }
    }

    private static ChainEvent? ToEvent(AreaFinding finding) =>
        Enum.TryParse<ChainEventKind>(finding.Kind, out var kind) && DeviceId.TryParse(finding.Subject, out var subject, out _)
            ? ChainEvent.Of(kind, subject, finding.Time, finding.Value)
            : null;

    /// <inheritdoc />
    public Task<int> RecordTheftSuspicionsAsync(ImmutableArray<TheftSuspicion> suspicions)
    {
        var taken = new List<ChainEvent>();
        foreach (var suspicion in suspicions.IsDefault ? [] : suspicions)
        {
            if (suspicion is null || suspicion.Meter.IsEmpty || !IsChild(suspicion.Meter))
            {
                CountRefused("theft suspicion about a meter that is not a child");
            }
            else if (!(suspicion.Score is >= 0 and <= 1))
            {
                CountRefused("theft suspicion with a score outside 0..1");
            }
            else if (!IsPending(ChainEventKind.TheftSuspected, suspicion.Meter, suspicion.DayEnd) && !taken.Exists(e => e.Subject == suspicion.Meter && e.Time.ToUnixTimeMilliseconds() == suspicion.DayEnd.ToUnixTimeMilliseconds()))
            {
                // An alarm already waiting for the next block (a screening repeated before it sealed) is not signed twice.
                taken.Add(ChainEvent.Of(ChainEventKind.TheftSuspected, suspicion.Meter, suspicion.DayEnd, suspicion.Score));
            }
        }

        // Held with the analytics verdicts until the next block signs them.
        AddEvents(taken);
        return Task.FromResult(taken.Count);
    }

    /// <inheritdoc />
    public Task ReportFeederAsync(FeederReading reading)
    {
        if (reading.End <= reading.Start)
        {
            throw new ArgumentException($"feeder interval ends {reading.End:O}, not after its start {reading.Start:O}", nameof(reading));
        }

        AddFeeder(reading);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2030, Level = LogLevel.Warning, Message = "Concentrator {NodeId}: area analytics failed; anchoring goes on")]
    private partial void LogAnalyticsFailed(string nodeId, Exception exception);
}
