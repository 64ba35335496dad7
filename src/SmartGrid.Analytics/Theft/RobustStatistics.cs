namespace SmartGrid.Analytics.Theft;

/// <summary>Small robust statistics used by the theft features (medians, MAD, correlations, KS distance).</summary>
internal static class RobustStatistics
{
    /// <summary>Scale that makes the MAD a consistent estimate of a normal standard deviation.</summary>
    public const double MadToSigma = 1.4826;

    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var copy = values.ToArray();
        Array.Sort(copy);
        return MedianOfSorted(copy);
    }

    public static double MedianOfSorted(ReadOnlySpan<double> sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
    }

    /// <summary>Median absolute deviation from <paramref name="median"/>, scaled to a normal sigma.</summary>
    public static double Sigma(ReadOnlySpan<double> values, double median)
    {
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }

        return MadToSigma * Median(deviations);
    }

    /// <summary>Linear-interpolated quantile of sorted values, q in [0, 1].</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    /// <summary>Pearson correlation; 0 when either side is constant.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Lag-1 autocorrelation (standard estimator); 0 for a constant series.</summary>
    public static double Lag1Autocorrelation(ReadOnlySpan<double> x)
    {
        var mean = 0.0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        double numerator = 0, denominator = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - mean;
            denominator += d * d;
            if (i > 0)
            {
                numerator += d * (x[i - 1] - mean);
            }
        }

        return denominator <= 0 ? 0 : numerator / denominator;
    }

    /// <summary>Two-sample Kolmogorov-Smirnov distance sup |F_a − F_b| of two sorted samples.</summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int i = 0, j = 0;
        var distance = 0.0;
        while (i < sortedA.Length && j < sortedB.Length)
        {
            var value = Math.Min(sortedA[i], sortedB[j]);
            while (i < sortedA.Length && sortedA[i] <= value)
            {
                i++;
            }

            while (j < sortedB.Length && sortedB[j] <= value)
            {
                j++;
            }

            distance = Math.Max(distance, Math.Abs(((double)i / sortedA.Length) - ((double)j / sortedB.Length)));
        }

        return distance;
    }

    /// <summary>Robust z-scores of <paramref name="values"/> against their own median and MAD (sigma floored at <paramref name="floor"/>).</summary>
    public static double[] RobustZ(ReadOnlySpan<double> values, double floor)
    {
        var median = Median(values);
        var sigma = Math.Max(Sigma(values, median), floor);
        var z = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            z[i] = (values[i] - median) / sigma;
        }

        return z;
    }
}
