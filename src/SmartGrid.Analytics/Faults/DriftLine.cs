using System.Globalization;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// The least-squares line of a drift ratio y = ln(meter / cohort median) against time x in days, kept as
/// running sums so that a point is added in O(1) and nothing else is stored: the batch
/// <see cref="DriftDetector"/> and the streaming area monitor fit it the same way. Sums are taken over
/// x relative to the first point, so that large x (days since an epoch) do not cancel.
/// </summary>
internal struct DriftLine
{
    private double _firstX;
    private double _lastDx;
    private double _sx;
    private double _sy;
    private double _sxx;
    private double _sxy;
    private double _syy;

    /// <summary>How many points were added.</summary>
    public int Count { get; private set; }

    /// <summary>The x of the first point.</summary>
    public readonly double FirstX => _firstX;

    /// <summary>From the first point's x to the last one's.</summary>
    public readonly double Span => _lastDx;

    /// <summary>The fitted slope, per unit of x; 0 while the points share one x.</summary>
    public readonly double Slope => CenteredXX > 0 ? CenteredXY / CenteredXX : 0;

    /// <summary>The fitted line's value at x = 0.</summary>
    public readonly double Intercept => Count == 0 ? 0 : ((_sy - (Slope * _sx)) / Count) - (Slope * _firstX);

    /// <summary>
    /// The slope over its standard error (n − 2 degrees of freedom); ±∞ for a non-zero slope on an exact
    /// line, 0 with fewer than 3 points or without spread in x.
    /// </summary>
    public readonly double TStatistic
    {
        get
        {
            if (Count < 3 || CenteredXX <= 0)
            {
                return 0;
            }

            var slope = Slope;
            // Residuals below the rounding of the sums are an exact line.
            var rss = CenteredYY - (slope * CenteredXY);
            rss = rss > 1e-12 * CenteredYY ? rss : 0;
            var se = Math.Sqrt(rss / (Count - 2) / CenteredXX);
            return se > 0 ? slope / se : slope == 0 ? 0 : Math.Sign(slope) * double.PositiveInfinity;
        }
    }

    /// <summary>The relative change the line implies over its span, exp(slope × span) − 1.</summary>
    public readonly double Change => Math.Exp(Slope * _lastDx) - 1;

    private readonly double CenteredXX => Count == 0 ? 0 : _sxx - (_sx * _sx / Count);

    private readonly double CenteredXY => Count == 0 ? 0 : _sxy - (_sx * _sy / Count);

    private readonly double CenteredYY => Count == 0 ? 0 : _syy - (_sy * _sy / Count);

    /// <summary>Adds the point (<paramref name="x"/>, <paramref name="y"/>); x must not fall before the first point's.</summary>
    public void Add(double x, double y)
    {
        if (Count == 0)
        {
            _firstX = x;
        }

        var dx = x - _firstX;
        Count++;
        _lastDx = Math.Max(_lastDx, dx);
        _sx += dx;
        _sy += y;
        _sxx += dx * dx;
        _sxy += dx * y;
        _syy += y * y;
    }

    /// <summary>True when the line is a drift under <paramref name="options"/>: enough points, a large enough change and t statistic.</summary>
    public readonly bool IsDrift(FaultDetectionOptions options) =>
        Count >= options.DriftMinimumPeriods && Math.Abs(Change) >= options.DriftMinimumRelative && Math.Abs(TStatistic) >= options.DriftMinimumT;

    /// <summary>The rule and its figures in words.</summary>
    public readonly string Evidence() => string.Create(
        CultureInfo.InvariantCulture,
        $"reading against the cohort median changed by {Change:P1} over {Span:0.#} days (slope {Slope:E2} per day, t = {TStatistic:0.#}, {Count} periods)");

    /// <summary>
    /// The median of <paramref name="sorted"/> (ascending) without its element at <paramref name="skip"/>,
    /// read in place: the median of a meter's cohort without the meter itself.
    /// </summary>
    public static double MedianExcluding(ReadOnlySpan<double> sorted, int skip)
    {
        var n = sorted.Length - 1;
        var mid = n / 2;
        return n % 2 == 1 ? At(sorted, skip, mid) : (At(sorted, skip, mid - 1) + At(sorted, skip, mid)) / 2;
    }

    private static double At(ReadOnlySpan<double> sorted, int skip, int i) => sorted[i < skip ? i : i + 1];
}
