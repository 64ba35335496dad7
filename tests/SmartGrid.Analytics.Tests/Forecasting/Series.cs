using MathNet.Numerics.Distributions;

namespace SmartGrid.Analytics.Tests.Forecasting;

/// <summary>Seeded synthetic series for known-answer tests.</summary>
internal static class Series
{
    /// <summary>x(t) = Σ ar_i x(t−i) + e(t) + Σ ma_j e(t−j) + mean, e ~ N(0, σ²), after a burn-in of 300.</summary>
    public static double[] Arma(int seed, int n, double[] ar, double[] ma, double mean = 0, double sigma = 1)
    {
        const int burn = 300;
        var random = new Random(seed);
        var e = new double[n + burn];
        var x = new double[n + burn];
        for (var t = 0; t < x.Length; t++)
        {
            e[t] = Normal.Sample(random, 0, sigma);
            var value = e[t];
            for (var i = 1; i <= ar.Length && t - i >= 0; i++)
            {
                value += ar[i - 1] * x[t - i];
            }

            for (var j = 1; j <= ma.Length && t - j >= 0; j++)
            {
                value += ma[j - 1] * e[t - j];
            }

            x[t] = value;
        }

        return [.. x.Skip(burn).Select(v => v + mean)];
    }

    /// <summary>A household-like hourly load: daily shape, weekday effect, multiplicative noise.</summary>
    public static double[] HourlyLoad(int seed, int days, double noise = 0.15)
    {
        var random = new Random(seed);
        var y = new double[days * 24];
        for (var t = 0; t < y.Length; t++)
        {
            var hour = t % 24;
            var shape = 0.3 + (0.5 * Math.Exp(-Math.Pow(hour - 7.5, 2) / 2)) + (1.2 * Math.Exp(-Math.Pow(hour - 19, 2) / 4));
            y[t] = shape * Math.Exp(Normal.Sample(random, 0, noise));
        }

        return y;
    }
}
