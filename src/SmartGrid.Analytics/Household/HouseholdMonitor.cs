using System.Buffers;
using SmartGrid.Analytics.Forecasting;
using SmartGrid.Analytics.Learning;

namespace SmartGrid.Analytics.Household;

/// <summary>
/// Edge analytics of one household, fed each upload's interval energies: before an upload is
/// added to the history, a bandit (<see cref="ForecasterSelector"/>) scores one candidate
/// forecaster's forecast of it, so over rounds it learns which forecaster fits the household;
/// it also keeps the last complete day's energy and peak-to-average ratio (efficiency inputs).
/// </summary>
/// <remarks>
/// The history is a bounded ring of <c>2 × intervalsPerDay</c> energies, kept in single precision
/// (seven significant digits: a tenth of a Wh on a 100 kWh day), so a monitor costs about a
/// kilobyte whatever the household's age; a million of them live in the meter grains.
/// </remarks>
public sealed class HouseholdMonitor
{
    private readonly int _perDay;
    private readonly float[] _ring;
    private readonly Func<IForecaster>[] _candidates;
    private readonly ForecasterSelector _selector;
    private readonly float[] _day;
    private long _count;
    private long _rounds;
    private double _errorSum;
    private double? _lastError;
    private int _dayFill;
    private double? _lastDayWh;
    private double? _lastDayPar;

    // The EWMA's smoothing constant, fitted (least squares) on the history the first time the
    // bandit picks the EWMA in a day and kept until the day closes, rather than refitted at every
    // upload: the fit is a search over the whole ring, most of the edge analytics' cost when
    // repeated. _fitting is the EWMA being fitted in the current round, if any.
    private double? _ewmaAlpha;
    private ExponentialSmoothingForecaster? _fitting;

    /// <summary>Creates a monitor for readings of <paramref name="intervalsPerDay"/> intervals a day.</summary>
    public HouseholdMonitor(int intervalsPerDay = 96)
    {
        if (intervalsPerDay is < 2 or > 1_440)
        {
            throw new AnalyticsInputException($"intervals per day must be 2..1440, not {intervalsPerDay}", nameof(intervalsPerDay));
        }

        _perDay = intervalsPerDay;
        _ring = new float[2 * intervalsPerDay];
        _day = new float[intervalsPerDay];
        _candidates =
        [
            () => new SeasonalNaiveForecaster(intervalsPerDay),
            () => new MovingAverageForecaster(4),
            () => _ewmaAlpha is { } alpha ? new ExponentialSmoothingForecaster(alpha) : (_fitting = new ExponentialSmoothingForecaster()),
        ];
        _selector = new ForecasterSelector(_candidates);
    }

    /// <summary>
    /// Takes an upload's interval energies (Wh, oldest first). A negative or non-finite value
    /// (a register that went backwards, a gap) is refused whole, so no partial upload is counted.
    /// </summary>
    public void Observe(ReadOnlySpan<double> energiesWh)
    {
        foreach (var value in energiesWh)
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new AnalyticsInputException($"interval energies must be finite and not negative, not {value}", nameof(energiesWh));
            }
        }

        if (energiesWh.IsEmpty)
        {
            return;
        }

        var length = HistoryLength;
        if (length >= _perDay && energiesWh.Length <= _perDay)
        {
            var buffer = ArrayPool<double>.Shared.Rent(length);
            try
            {
                var round = _selector.Step(CopyHistory(buffer), energiesWh);
                if (_fitting is { IsFitted: true } fitted)
                {
                    _ewmaAlpha = fitted.Alpha;
                }

                _fitting = null;
                _rounds++;
                _errorSum += round.Error;
                _lastError = round.Error;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }

        foreach (var value in energiesWh)
        {
            _ring[(int)(_count % _ring.Length)] = (float)value;
            _count++;
            _day[_dayFill++] = (float)value;
            if (_dayFill == _perDay)
            {
                CloseDay();
            }
        }
    }

    /// <summary>What the monitor knows now.</summary>
    public HouseholdInsight Insight()
    {
        double? nextDay = null;
        var history = History();
        if (history.Length >= _perDay)
        {
            var forecaster = _candidates[_selector.Policy.BestArm]();
            forecaster.Fit(history);
            nextDay = forecaster.Forecast(_perDay).Sum();
        }

        return new HouseholdInsight(_count, _selector.Best, _rounds, _lastError, _rounds > 0 ? _errorSum / _rounds : null, nextDay, _lastDayWh, _lastDayPar);
    }

    private int HistoryLength => (int)Math.Min(_count, _ring.Length);

    private double[] History()
    {
        var history = new double[HistoryLength];
        CopyHistory(history);
        return history;
    }

    // The ring's values, oldest first, into the start of buffer; returns that part.
    private ReadOnlySpan<double> CopyHistory(double[] buffer)
    {
        var length = HistoryLength;
        for (var i = 0; i < length; i++)
        {
            buffer[i] = _ring[(int)((_count - length + i) % _ring.Length)];
        }

        return buffer.AsSpan(0, length);
    }

    private void CloseDay()
    {
        _ewmaAlpha = null;

        var total = _day.Sum(v => (double)v);
        _lastDayWh = total;
        var mean = total / _perDay;
        _lastDayPar = mean > 0 ? _day.Max() / mean : null;
        _dayFill = 0;
    }
}
