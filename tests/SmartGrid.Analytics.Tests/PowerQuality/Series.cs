using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

/// <summary>Builders of synthetic series for the power-quality, fault and efficiency tests.</summary>
internal static class Series
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SampledSeries Minutes(params double[] values) => SampledSeries.Regular(T0, TimeSpan.FromMinutes(1), values);

    public static SampledSeries Seconds(params double[] values) => SampledSeries.Regular(T0, TimeSpan.FromSeconds(1), values);

    /// <summary>A constant <paramref name="baseline"/> with <paramref name="count"/> samples of <paramref name="value"/> from index <paramref name="at"/>.</summary>
    public static double[] With(int length, double baseline, int at, int count, double value)
    {
        var values = Enumerable.Repeat(baseline, length).ToArray();
        for (var i = at; i < at + count; i++)
        {
            values[i] = value;
        }

        return values;
    }
}
