using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Faults;

/// <summary>The change of a register between two consecutive valid samples with no gap between them.</summary>
internal readonly record struct RegisterStep(DateTimeOffset Start, DateTimeOffset End, double Delta)
{
    public static List<RegisterStep> Of(SampledSeries register)
    {
        var steps = new List<RegisterStep>();
        for (var i = 1; i < register.Count; i++)
        {
            if (!register.IsMissing(i) && !register.IsMissing(i - 1) && !register.IsGapBefore(i))
            {
                steps.Add(new RegisterStep(register.Times[i - 1], register.Times[i], register[0, i] - register[0, i - 1]));
            }
        }

        return steps;
    }

    /// <summary>The maximal runs of contiguous steps that all satisfy <paramref name="member"/> and, pairwise, <paramref name="together"/>.</summary>
    public static List<List<RegisterStep>> Runs(List<RegisterStep> steps, Func<RegisterStep, bool> member, Func<RegisterStep, RegisterStep, bool> together)
    {
        var runs = new List<List<RegisterStep>>();
        List<RegisterStep>? current = null;
        foreach (var step in steps)
        {
            if (!member(step))
            {
                current = null;
                continue;
            }

            if (current is not null && current[^1].End == step.Start && together(current[^1], step))
            {
                current.Add(step);
                continue;
            }

            current = [step];
            runs.Add(current);
        }

        return runs;
    }

    /// <summary>The register value at the last valid sample at or before <paramref name="time"/>, or null.</summary>
    public static double? ValueAt(SampledSeries register, DateTimeOffset time)
    {
        for (var i = register.Count - 1; i >= 0; i--)
        {
            if (register.Times[i] <= time && !register.IsMissing(i))
            {
                return register[0, i];
            }
        }

        return null;
    }
}
