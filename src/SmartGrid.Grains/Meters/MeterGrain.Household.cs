using System.Collections.Immutable;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Household;
using SmartGrid.Contracts.Analytics;
using SmartGrid.Ledger.Metering;

namespace SmartGrid.Grains.Meters;

/// <summary>
/// The household's edge analytics, hosted by its meter grain (<see cref="IHouseholdAnalyticsGrain"/>
/// resolves to the same activation): each appended block's interval energies, the steps of its
/// import register, feed a <see cref="HouseholdMonitor"/> as the block arrives. Derived data, in
/// memory only; a reactivated meter starts learning afresh.
/// </summary>
public sealed partial class MeterGrain : IHouseholdAnalyticsGrain
{
    private HouseholdMonitor? _household;
    private long _householdIntervalTicks;
    private long _householdRefused;

    /// <inheritdoc />
    public Task<HouseholdReport> GetReportAsync()
    {
        DeactivateIfUnprovisioned();
        if (_household is null)
        {
            return Task.FromResult(new HouseholdReport { Intervals = 0, Forecaster = "", Rounds = 0, RefusedUploads = _householdRefused });
        }

        var insight = _household.Insight();
        return Task.FromResult(new HouseholdReport
        {
            Intervals = insight.Intervals,
            Forecaster = insight.Forecaster,
            Rounds = insight.Rounds,
            MeanError = insight.MeanError,
            NextDayWh = insight.NextDayWh,
            LastDayWh = insight.LastDayWh,
            LastDayPeakToAverage = insight.LastDayPeakToAverage,
            RefusedUploads = _householdRefused,
        });
    }

    // The energies of a block just appended after a head whose last import register was
    // previousRegisterWh (null for the first block: its first reading only sets the register).
    // A register running backwards, or readings whose length changes or does not divide a day, is
    // refused whole and counted: the analytics never take part of an upload.
    private void ObserveHousehold(LoadProfile profile, long? previousRegisterWh)
    {
        var channel = profile.IndexOf(Obis.ActiveEnergyImport);
        var readings = profile.Readings;
        if (!_options.HouseholdAnalytics || channel < 0 || readings.IsDefaultOrEmpty)
        {
            return;
        }

        var ticks = readings[0].Duration.Ticks;
        if (ticks <= 0 || TimeSpan.TicksPerDay % ticks != 0 || (_householdIntervalTicks != 0 && ticks != _householdIntervalTicks) || !AllLast(readings, ticks))
        {
            _householdRefused++;
            return;
        }

        // On the ingest path: the energies live on the stack (a block holds at most a few days
        // of quarter-hours), not in a new array per upload.
        const int StackLimit = 512;
        Span<double> energies = readings.Length > StackLimit ? new double[readings.Length] : stackalloc double[StackLimit];
        var scale = profile.Channels[channel];
        var count = 0;
        double? last = previousRegisterWh;
        foreach (var reading in readings)
        {
            var register = scale.Scale(reading.Values[channel]);
            if (last is { } before)
            {
                energies[count++] = register - before;
            }

            last = register;
        }

        try
        {
            _household ??= new HouseholdMonitor((int)(TimeSpan.TicksPerDay / ticks));
            _householdIntervalTicks = ticks;
            _household.Observe(energies[..count]);
        }
        catch (AnalyticsInputException)
        {
            _householdRefused++;
        }
    }

    private static bool AllLast(ImmutableArray<IntervalReading> readings, long ticks)
    {
        foreach (var reading in readings)
        {
            if (reading.Duration.Ticks != ticks)
            {
                return false;
            }
        }

        return true;
    }
}
