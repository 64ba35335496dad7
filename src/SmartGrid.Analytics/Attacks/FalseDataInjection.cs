namespace SmartGrid.Analytics.Attacks;

/// <summary>
/// Applies a drawn attack to one day of readings. Pure: the output depends only on the parameters
/// and the day. Definitions (t = 1..N; 0-based indices in code):
/// <list type="bullet">
/// <item>h1 y_t = a·x_t; h2 y_t = 0 for t_s ≤ t ≤ t_f, else x_t; h3 y_t = g_t·x_t; h4 y_t = g_t·mean(x);
/// h5 y_t = mean(x); h6 y_t = x_(N+1−t);</item>
/// <item>offset y_t = max(0, x_t − f·mean(x)); cap y_t = min(x_t, β·max(x)); ramp y_t = x_t·(1 − r·(t−1)/(N−1)).</item>
/// </list>
/// </summary>
public static class FalseDataInjection
{
    /// <summary>The attacked day <paramref name="day"/> under <paramref name="attack"/>.</summary>
    /// <exception cref="AnalyticsInputException">
    /// The day has fewer than 2 readings, a non-finite reading, or does not match the parameters' length.
    /// </exception>
    public static double[] Apply(AttackParameters attack, ReadOnlySpan<double> day)
    {
        ArgumentNullException.ThrowIfNull(attack);
        var n = day.Length;
        if (n < 2)
        {
            throw new AnalyticsInputException("a day must hold at least 2 readings", nameof(day));
        }

        foreach (var value in day)
        {
            if (!double.IsFinite(value))
            {
                throw new AnalyticsInputException("every reading must be finite", nameof(day));
            }
        }

        if (attack.Factors.Count != 0 && attack.Factors.Count != n)
        {
            throw new AnalyticsInputException($"the attack has {attack.Factors.Count} factors for a day of {n} readings", nameof(day));
        }

        if (attack.Type == AttackType.H2ZeroWindow && (attack.WindowStart < 0 || attack.WindowEnd >= n || attack.WindowStart > attack.WindowEnd))
        {
            throw new AnalyticsInputException($"window [{attack.WindowStart}, {attack.WindowEnd}] does not fit a day of {n} readings", nameof(attack));
        }

        var mean = Mean(day);
        var peak = Max(day);
        var y = new double[n];
        for (var t = 0; t < n; t++)
        {
            var x = day[t];
            y[t] = attack.Type switch
            {
                AttackType.H1Scale => attack.Scale * x,
                AttackType.H2ZeroWindow => t >= attack.WindowStart && t <= attack.WindowEnd ? 0 : x,
                AttackType.H3RandomScale => attack.Factors[t] * x,
                AttackType.H4RandomMean => attack.Factors[t] * mean,
                AttackType.H5Mean => mean,
                AttackType.H6Reversal => day[n - 1 - t],
                AttackType.Offset => Math.Max(0, x - (attack.Scale * mean)),
                AttackType.Cap => Math.Min(x, attack.Scale * peak),
                AttackType.Ramp => x * (1 - (attack.Scale * t / (n - 1))),
                _ => throw new AnalyticsInputException($"unknown attack type {attack.Type}", nameof(attack)),
            };
        }

        return y;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
