using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>
/// Finds neutral-loss style imbalance in a three-phase meter's phase-to-neutral voltages. When the neutral
/// breaks, the star point floats towards the most loaded phase: that phase's voltage falls and another's
/// rises while the three together stay near nominal. A sample is suspect when one phase is above 110 %,
/// another below 90 %, and their mean within 5 % of nominal (a supply-wide dip or swell moves the mean).
/// Consecutive suspect samples form one fault; its magnitude is the largest unbalance (negative over
/// positive sequence, phase approximation) seen, against the EN 50160 limit of 2 %.
/// </summary>
public static class NeutralLossDetector
{
    /// <summary>Checks one meter.</summary>
    /// <param name="meterId">The meter.</param>
    /// <param name="phaseVoltages">Its phase-to-neutral voltages, three channels.</param>
    /// <param name="options">The rules; defaults when null.</param>
    /// <exception cref="AnalyticsInputException">The series does not hold three phases, a voltage is negative, or an option is invalid.</exception>
    public static IReadOnlyList<MeterFault> Detect(string meterId, SampledSeries phaseVoltages, FaultDetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(phaseVoltages);
        var o = options ?? FaultDetectionOptions.Default;
        o.Validate();
        if (phaseVoltages.ChannelCount != 3)
        {
            throw new AnalyticsInputException($"neutral loss needs three phases, not {phaseVoltages.ChannelCount}", nameof(phaseVoltages));
        }

        phaseVoltages.RequireNonNegative(nameof(phaseVoltages));
        var faults = new List<MeterFault>();
        var first = -1;
        var worst = 0.0;
        var worstText = "";
        for (var i = 0; i <= phaseVoltages.Count; i++)
        {
            var suspect = i < phaseVoltages.Count && !phaseVoltages.IsMissing(i) && IsSuspect(phaseVoltages, i, o);
            if (first >= 0 && (!suspect || phaseVoltages.IsGapBefore(i)))
            {
                faults.Add(new MeterFault(meterId, MeterFaultKind.NeutralLoss, phaseVoltages.Times[first], phaseVoltages.EndOf(i - 1), worst, worstText));
                first = -1;
            }

            if (!suspect)
            {
                continue;
            }

            var (a, b, c) = (phaseVoltages[0, i], phaseVoltages[1, i], phaseVoltages[2, i]);
            var unbalance = VoltageUnbalance.PhaseApproximation(a, b, c);
            if (first < 0 || unbalance > worst)
            {
                worst = unbalance;
                worstText = $"L1 {a:0.#} V, L2 {b:0.#} V, L3 {c:0.#} V (mean {(a + b + c) / 3:0.#} V): one phase above {o.NeutralHighPercent:0.#} %, "
                    + $"one below {o.NeutralLowPercent:0.#} %, unbalance {unbalance:0.##} % against the EN 50160 limit of 2 %";
            }

            if (first < 0)
            {
                first = i;
            }
        }

        return faults;
    }

    private static bool IsSuspect(SampledSeries v, int i, FaultDetectionOptions o)
    {
        var phases = new[] { v[0, i], v[1, i], v[2, i] };
        var nominal = o.NominalVoltage;
        return phases.Max() > nominal * o.NeutralHighPercent / 100
            && phases.Min() < nominal * o.NeutralLowPercent / 100
            && Math.Abs(phases.Average() - nominal) <= nominal * o.NeutralMeanTolerancePercent / 100;
    }
}
