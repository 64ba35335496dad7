using System.Collections.Immutable;
using SmartGrid.Analytics;
using SmartGrid.Analytics.Household;
using SmartGrid.Contracts.Analytics;

namespace SmartGrid.Grains.Analytics;

/// <summary>Hosts a <see cref="HouseholdMonitor"/> for one household; derived data, kept in memory.</summary>
public sealed class HouseholdAnalyticsGrain : Grain, IHouseholdAnalyticsGrain
{
    private readonly HouseholdMonitor _monitor = new();
    private long _refused;

    /// <inheritdoc />
    public Task ObserveAsync(ImmutableArray<double> energiesWh)
    {
        try
        {
            _monitor.Observe(energiesWh.AsSpan());
        }
        catch (AnalyticsInputException)
        {
            // A refused upload is counted, never half-applied.
            _refused++;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<HouseholdReport> GetReportAsync()
    {
        var insight = _monitor.Insight();
        return Task.FromResult(new HouseholdReport
        {
            Intervals = insight.Intervals,
            Forecaster = insight.Forecaster,
            Rounds = insight.Rounds,
            MeanError = insight.MeanError,
            NextDayWh = insight.NextDayWh,
            LastDayWh = insight.LastDayWh,
            LastDayPeakToAverage = insight.LastDayPeakToAverage,
            RefusedUploads = _refused,
        });
    }
}
