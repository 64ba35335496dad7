namespace SmartGrid.Analytics.Attacks;

/// <summary>
/// False-data-injection theft types applied to one day of readings x_1..x_N. H1-H6 are the types
/// of Jokar, Arianpoo and Leung (2016), "Electricity theft detection in AMI using customers'
/// consumption patterns"; the last three are common simpler tampering patterns.
/// </summary>
public enum AttackType
{
    /// <summary>h1: every reading scaled by one factor, y_t = a·x_t, a ~ U(0.1, 0.8).</summary>
    H1Scale = 1,

    /// <summary>h2: readings zero inside one window [t_s, t_f] of 4 to 12 hours, unchanged outside.</summary>
    H2ZeroWindow = 2,

    /// <summary>h3: every reading scaled by its own factor, y_t = g_t·x_t, g_t ~ U(0.1, 0.8).</summary>
    H3RandomScale = 3,

    /// <summary>h4: random fractions of the day's mean, y_t = g_t·mean(x), g_t ~ U(0.1, 0.8).</summary>
    H4RandomMean = 4,

    /// <summary>h5: the day's mean in every interval, y_t = mean(x) (flat profile, same total).</summary>
    H5Mean = 5,

    /// <summary>h6: the day reversed, y_t = x_(N+1-t) (same total, load moved in time).</summary>
    H6Reversal = 6,

    /// <summary>A constant subtracted with a floor of zero, y_t = max(0, x_t − c), c = f·mean(x), f ~ U(0.2, 0.8).</summary>
    Offset = 7,

    /// <summary>Readings capped at a fraction of the day's peak, y_t = min(x_t, β·max(x)), β ~ U(0.2, 0.6).</summary>
    Cap = 8,

    /// <summary>
    /// A progressive ramp: the under-recording grows through the day,
    /// y_t = x_t·(1 − r·(t−1)/(N−1)), r ~ U(0.3, 0.9).
    /// </summary>
    Ramp = 9,
}
