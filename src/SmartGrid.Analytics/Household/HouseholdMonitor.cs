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
            () => new ExponentialSmoothingForecaster(),
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

        var history = History();
        if (history.Length >= _perDay && energiesWh.Length <= _perDay)
        {
            var round = _selector.Step(history, energiesWh);
            _rounds++;
            _errorSum += round.Error;
            _lastError = round.Error;
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

    private double[] History()
    {
        var length = (int)Math.Min(_count, _ring.Length);
        var history = new double[length];
        for (var i = 0; i < length; i++)
        {
            history[i] = _ring[(int)((_count - length + i) % _ring.Length)];
        }

        return history;
    }

    private void CloseDay()
    {
        var total = _day.Sum(v => (double)v);
        _lastDayWh = total;
        var mean = total / _perDay;
        _lastDayPar = mean > 0 ? _day.Max() / mean : null;
        _dayFill = 0;
    }
}
