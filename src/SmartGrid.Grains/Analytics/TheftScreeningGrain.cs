using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Theft;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Analytics;

/// <summary>
/// The utility's theft screening (key = utility id): holds the installed <see cref="HybridTheftDetector"/>
/// in grain state and scores a cohort of concentrator areas from the ledger store
/// (<see cref="StoredScreeningData"/>), handing its alarms to the concentrators, which sign them.
/// Keyed per utility because the detector compares each household with the cohort on the same date
/// and the model is the utility's: one install serves every area, and a request names the cohort.
/// </summary>
/// <remarks>
/// A key that is not a device id, or a grain without a model, is deactivated after answering, so
/// naming arbitrary keys costs no lasting memory. The scoring runs on the thread pool, off the grain's
/// scheduler; a request is bounded by <see cref="MaxHouseholdDays"/>.
/// </remarks>
public sealed partial class TheftScreeningGrain : Grain, ITheftScreeningGrain
{
    /// <summary>Days a household needs in the window (its own history).</summary>
    public const int MinimumDays = 3;

    /// <summary>Most days one request may cover.</summary>
    public const int MaxDays = 62;

    /// <summary>Most concentrators one request may name.</summary>
    public const int MaxConcentrators = 1024;

    /// <summary>Most household-days one request may score (about 75 MB of readings at 96 a day).</summary>
    public const int MaxHouseholdDays = 100_000;

    // Meters read from the store at once.
    private const int ReadConcurrency = 16;

    private readonly IPersistentState<TheftScreeningGrainState> _state;
    private readonly ILedgerStore _ledger;
    private readonly LedgerClock _clock;
    private readonly ILogger<TheftScreeningGrain> _logger;
    private DeviceId _utility;
    private string? _keyError;
    private HybridTheftDetector? _detector;
    private string? _modelHash;
    private string? _modelError;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public TheftScreeningGrain(
        [PersistentState("theft-screening", StorageNames.GrainState)] IPersistentState<TheftScreeningGrainState> state,
        ILedgerStore ledger,
        LedgerClock clock,
        ILogger<TheftScreeningGrain> logger)
    {
        _state = state;
        _ledger = ledger;
        _clock = clock;
        _logger = logger;
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!DeviceId.TryParse(this.GetPrimaryKeyString(), out _utility, out var error))
        {
            _keyError = $"'{this.GetPrimaryKeyString()}' is not a utility id: {error}";
        }
        else if (_state.State.Model is { } model)
        {
            try
            {
                Take(model);
            }
            catch (TheftModelFormatException ex)
            {
                // Stored by an older build, or altered in the store: screening refuses until a new install.
                _modelError = ex.Message;
                LogStoredModelBroken(_utility.Value, ex.Message);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<TheftModelInfo> InstallModelAsync(ImmutableArray<byte> model)
    {
        if (_keyError is not null || model.IsDefaultOrEmpty)
        {
            return Refuse(_keyError ?? "no model bytes");
        }

        var bytes = model.ToArray();
        HybridTheftDetector loaded;
        try
        {
            loaded = HybridTheftDetector.Load(bytes);
        }
        catch (TheftModelFormatException ex)
        {
            LogRefusedModel(_utility.Value, ex.Message);
            return Refuse(ex.Message);
        }

        _state.State.Model = bytes;
        _state.State.InstalledAt = _clock.UtcNow;
        await _state.WriteStateAsync();
        Take(bytes, loaded);
        LogInstalled(_utility.Value, _modelHash!, loaded.Options.ClassifierFactory().Name, loaded.Threshold);
        return Info();
    }

    /// <inheritdoc />
    public Task<TheftModelInfo> GetModelAsync()
    {
        DeactivateIfIdle();
        return Task.FromResult(_keyError is not null ? new TheftModelInfo { Installed = false, Error = _keyError } : Info());
    }

    /// <inheritdoc />
    public async Task<TheftScreeningReport> ScreenAsync(TheftScreeningRequest request)
    {
        if (_keyError is not null)
        {
            DeactivateIfIdle();
            return Refused(_keyError);
        }

        if (_detector is null)
        {
            DeactivateIfIdle();
            return new TheftScreeningReport
            {
                Outcome = TheftScreeningOutcome.NoModel,
                Message = _modelError is null ? "no theft model is installed" : $"the installed theft model no longer loads ({_modelError}); install one again",
            };
        }

        if (Check(request) is { } problem)
        {
            return Refused(problem);
        }

        var detector = _detector;
        var window = new StoredScreeningData.Window(request.From, request.Days, TimeSpan.FromTicks(TimeSpan.TicksPerDay / detector.IntervalsPerDay));
        var areas = await Task.WhenAll(request.Concentrators.Select(c => GrainFactory.GetGrain<IConcentratorGrain>(c.Value).GetStatusAsync()));
        for (var c = 0; c < areas.Length; c++)
        {
            if (!areas[c].Provisioned || areas[c].Role != DeviceRole.Concentrator)
            {
                return Refused($"{request.Concentrators[c]} is not a provisioned concentrator");
            }
        }

        var meters = areas.SelectMany((area, c) => area.Children.Select(m => (Meter: m, Area: c))).ToArray();
        if ((long)meters.Length * request.Days > MaxHouseholdDays)
        {
            return Refused(string.Create(CultureInfo.InvariantCulture, $"{meters.Length} meters × {request.Days} days is more than the {MaxHouseholdDays} household-days one request may score; screen fewer concentrators at a time"));
        }

        if (meters.Length == 0)
        {
            return Refused("the concentrators have no meters");
        }

        var problems = new List<string>();
        var readings = new double[][]?[meters.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, meters.Length), new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency }, async (i, _) =>
        {
            try
            {
                readings[i] = await StoredScreeningData.ReadMeterAsync(_ledger, meters[i].Meter, window);
            }
            catch (StoredScreeningData.UnusableChainException ex)
            {
                lock (problems)
                {
                    problems.Add($"{meters[i].Meter} left out: {ex.Message}");
                }
            }
        });

        var feeders = new double[][]?[areas.Length];
        var signedBefore = new HashSet<(string Meter, long TimeMs)>[areas.Length];
        for (var c = 0; c < areas.Length; c++)
        {
            try
            {
                (feeders[c], signedBefore[c]) = await StoredScreeningData.ReadConcentratorAsync(_ledger, request.Concentrators[c], window);
            }
            catch (StoredScreeningData.UnusableChainException ex)
            {
                problems.Add($"{request.Concentrators[c]}'s feeder left out: {ex.Message}");
                signedBefore[c] = [];
            }
        }

        var dates = Enumerable.Range(0, request.Days).Select(d => DateOnly.FromDateTime(request.From.UtcDateTime.AddDays(d))).ToArray();
        var households = Enumerable.Range(0, meters.Length).Where(i => readings[i] is not null)
            .Select(i => new HouseholdDays(meters[i].Meter.Value, dates, readings[i]!)).ToList();
        if (households.Count == 0)
        {
            return Refused($"no meter chain of the concentrators could be read: {string.Join("; ", problems)}");
        }

        // A feeder balances only against all of its meters: one left out would look like theft by the others.
        for (var c = 0; c < areas.Length; c++)
        {
            if (feeders[c] is not null && Enumerable.Range(0, meters.Length).FirstOrDefault(i => meters[i].Area == c && readings[i] is null, -1) is var missing and >= 0)
            {
                feeders[c] = null;
                problems.Add($"{request.Concentrators[c]}'s feeder left out: its meter {meters[missing].Meter} could not be read");
            }
        }

        var feederDays = Enumerable.Range(0, areas.Length).Where(c => feeders[c] is not null)
            .Select(c => new FeederDays(request.Concentrators[c].Value, [.. meters.Where(m => m.Area == c).Select(m => m.Meter.Value)], dates, feeders[c]!))
            .ToList();
        IReadOnlyList<TheftVerdict> verdicts;
        try
        {
            // CPU-bound: off the grain's scheduler.
            verdicts = await Task.Run(() => detector.Score(TheftFeatureExtractor.Extract(households, feederDays)));
        }
        catch (AnalyticsInputException ex)
        {
            return Refused($"the stored readings cannot be scored: {ex.Message}");
        }

        var report = await RecordAlarmsAsync(request, meters, verdicts, signedBefore);
        LogScreened(_utility.Value, verdicts.Count, request.From, verdicts.Count(v => v.Alarm), report.AlarmsRecorded, report.AlarmsAlreadyRecorded);
        return report with { Problems = [.. problems.Order(StringComparer.Ordinal), .. report.Problems] };
    }

    // Each alarm not yet on its concentrator's chain goes to that concentrator (which also ignores
    // one already waiting for its next block); the verdicts go back to the caller.
    private async Task<TheftScreeningReport> RecordAlarmsAsync(
        TheftScreeningRequest request, (DeviceId Meter, int Area)[] meters, IReadOnlyList<TheftVerdict> verdicts, HashSet<(string Meter, long TimeMs)>[] signedBefore)
    {
        var areaOf = meters.ToDictionary(m => m.Meter.Value, m => m.Area, StringComparer.Ordinal);
        var dayStart = Enumerable.Range(0, request.Days).ToDictionary(d => DateOnly.FromDateTime(request.From.UtcDateTime.AddDays(d)), d => request.From.AddDays(d));
        var already = 0;
        var toRecord = new Dictionary<int, List<TheftSuspicion>>();
        var results = ImmutableArray.CreateBuilder<TheftDayVerdict>(verdicts.Count);
        foreach (var verdict in verdicts)
        {
            var meter = DeviceId.Parse(verdict.HouseholdId);
            var start = dayStart[verdict.Date];
            results.Add(new TheftDayVerdict { Meter = meter, DayStart = start, Score = verdict.Score, Alarm = verdict.Alarm, Fired = [.. verdict.Fired.Select(e => e.Name)] });
            if (!verdict.Alarm)
            {
                continue;
            }

            var area = areaOf[verdict.HouseholdId];
            var end = start.AddDays(1);
            if (signedBefore[area].Contains((meter.Value, end.ToUnixTimeMilliseconds())))
            {
                already++;
                continue;
            }

            if (!toRecord.TryGetValue(area, out var list))
            {
                toRecord[area] = list = [];
            }

            list.Add(new TheftSuspicion { Meter = meter, DayEnd = end, Score = verdict.Score });
        }

        var groups = toRecord.OrderBy(g => g.Key).ToArray();
        var taken = await Task.WhenAll(groups.Select(g => GrainFactory.GetGrain<IConcentratorGrain>(request.Concentrators[g.Key].Value).RecordTheftSuspicionsAsync([.. g.Value])));
        var recorded = taken.Sum();

        // A concentrator takes every alarm about its own meters except one already waiting in its next block.
        already += groups.Sum(g => g.Value.Count) - recorded;
        return new TheftScreeningReport
        {
            Outcome = TheftScreeningOutcome.Screened,
            Verdicts = results.MoveToImmutable(),
            Threshold = _detector!.Threshold,
            ModelHash = _modelHash,
            AlarmsRecorded = recorded,
            AlarmsAlreadyRecorded = already,
        };
    }

    private string? Check(TheftScreeningRequest? request)
    {
        if (request is null || request.Concentrators.IsDefaultOrEmpty)
        {
            return "the request names no concentrator";
        }

        if (request.Concentrators.Length > MaxConcentrators)
        {
            return $"{request.Concentrators.Length} concentrators; one request may name at most {MaxConcentrators}";
        }

        if (request.Concentrators.Any(c => c.IsEmpty) || request.Concentrators.Distinct().Count() != request.Concentrators.Length)
        {
            return "the request names an empty or a repeated concentrator id";
        }

        if (request.Days is < MinimumDays or > MaxDays)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{request.Days} days; theft screening needs at least {MinimumDays} days of readings per household and takes at most {MaxDays}");
        }

        if (request.From.Ticks % TimeSpan.TicksPerMillisecond != 0 || request.From.ToUnixTimeMilliseconds() < 0)
        {
            return $"the window starts at {request.From:O}, not a whole millisecond after 1970";
        }

        var to = request.From.AddDays(request.Days);
        return to > _clock.UtcNow
            ? $"the window ends at {to:O}, after the ledger's time {_clock.UtcNow:O}: its last day has not closed"
            : null;
    }

    private void Take(byte[] bytes, HybridTheftDetector? loaded = null)
    {
        _detector = loaded ?? HybridTheftDetector.Load(bytes);
        _modelHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        _modelError = null;
    }

    private TheftModelInfo Info() => _detector is null
        ? new TheftModelInfo { Installed = false, Error = _modelError }
        : new TheftModelInfo
        {
            Installed = true,
            ModelHash = _modelHash,
            IntervalsPerDay = _detector.IntervalsPerDay,
            Threshold = _detector.Threshold,
            Classifier = _detector.Options.ClassifierFactory().Name,
            InstalledAt = _state.State.InstalledAt,
        };

    private TheftModelInfo Refuse(string error)
    {
        DeactivateIfIdle();
        return new TheftModelInfo { Installed = false, Error = error };
    }

    private static TheftScreeningReport Refused(string message) => new() { Outcome = TheftScreeningOutcome.Refused, Message = message };

    // Only a grain holding a model stays in memory.
    private void DeactivateIfIdle()
    {
        if (_detector is null)
        {
            DeactivateOnIdle();
        }
    }
}
