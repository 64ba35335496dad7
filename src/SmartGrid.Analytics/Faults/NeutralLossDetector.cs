using System.Globalization;
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
            var suspect = i < phaseVoltages.Count && !phaseVoltages.IsMissing(i) && IsSuspect(phaseVoltages[0, i], phaseVoltages[1, i], phaseVoltages[2, i], o);
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
                worstText = Evidence(a, b, c, unbalance, o);
            }

            if (first < 0)
            {
                first = i;
            }
        }

        return faults;
    }

    /// <summary>
    /// The suspect-sample rule: one phase above <see cref="FaultDetectionOptions.NeutralHighPercent"/> of
    /// nominal, another below <see cref="FaultDetectionOptions.NeutralLowPercent"/>, and the mean of the
    /// three within <see cref="FaultDetectionOptions.NeutralMeanTolerancePercent"/> of nominal. Shared by
    /// this detector and the streaming area monitor.
    /// </summary>
    internal static bool IsSuspect(double l1, double l2, double l3, FaultDetectionOptions o)
    {
        var nominal = o.NominalVoltage;
        return Math.Max(l1, Math.Max(l2, l3)) > nominal * o.NeutralHighPercent / 100
            && Math.Min(l1, Math.Min(l2, l3)) < nominal * o.NeutralLowPercent / 100
            && Math.Abs(((l1 + l2 + l3) / 3) - nominal) <= nominal * o.NeutralMeanTolerancePercent / 100;
    }

    /// <summary>A suspect sample's figures in words.</summary>
    internal static string Evidence(double l1, double l2, double l3, double unbalance, FaultDetectionOptions o) => string.Create(
        CultureInfo.InvariantCulture,
        $"L1 {l1:0.#} V, L2 {l2:0.#} V, L3 {l3:0.#} V (mean {(l1 + l2 + l3) / 3:0.#} V): one phase above {o.NeutralHighPercent:0.#} %, one below {o.NeutralLowPercent:0.#} %, unbalance {unbalance:0.##} % against the EN 50160 limit of 2 %");
}
