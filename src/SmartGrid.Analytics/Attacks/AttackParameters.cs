namespace SmartGrid.Analytics.Attacks;

/// <summary>
/// One drawn attack: the type and the random values that fix its output, so that applying it is a
/// pure function of these parameters and the day (see <see cref="FalseDataInjection.Apply"/>).
/// Values a type does not use are zero or empty.
/// </summary>
/// <param name="Type">The attack type.</param>
/// <param name="Scale">
/// h1: the factor a. Offset: the fraction f of the day's mean subtracted. Cap: the fraction β of the
/// peak. Ramp: the depth r reached at the last interval.
/// </param>
/// <param name="WindowStart">h2: first zeroed interval (0-based, inclusive).</param>
/// <param name="WindowEnd">h2: last zeroed interval (0-based, inclusive).</param>
/// <param name="Factors">h3 and h4: the factors g_t, one per interval.</param>
public sealed record AttackParameters(AttackType Type, double Scale, int WindowStart, int WindowEnd, IReadOnlyList<double> Factors);
