namespace SmartGrid.Analytics.Forecasting;

/// <summary>
/// The latest values of a series in a fixed-size ring: <c>this[1]</c> is the newest, <c>this[k]</c>
/// the value k intervals back. Bounded by construction, so a forecaster's state never grows.
/// </summary>
internal sealed class RecentValues
{
    private readonly double[] _values;
    private int _next;

    public RecentValues(int capacity)
    {
        _values = new double[capacity];
    }

    /// <summary>How many values the ring holds.</summary>
    public int Capacity => _values.Length;

    /// <summary>The value <paramref name="lag"/> intervals back (1 = newest); zero before anything was added there.</summary>
    public double this[int lag] => _values[(_next - lag + (2 * _values.Length)) % _values.Length];

    /// <summary>Adds the newest value, dropping the oldest.</summary>
    public void Add(double value)
    {
        if (_values.Length == 0)
        {
            return;
        }

        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
    }

    /// <summary>Clears the ring and fills it with the last <see cref="Capacity"/> values of <paramref name="series"/>.</summary>
    public void Reset(ReadOnlySpan<double> series)
    {
        Array.Clear(_values);
        _next = 0;
        var start = Math.Max(0, series.Length - _values.Length);
        foreach (var value in series[start..])
        {
            Add(value);
        }
    }

    /// <summary>The values oldest first.</summary>
    public double[] ToArray()
    {
        var result = new double[_values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = this[_values.Length - i];
        }

        return result;
    }
}
