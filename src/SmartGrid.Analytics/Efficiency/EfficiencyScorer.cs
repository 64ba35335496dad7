using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Efficiency;

/// <summary>
/// Scores and ranks the households of one cohort. Over the intervals where both consumption c and baseline
/// b are present (negative consumption, i.e. net export, counts as zero):
/// baseline score = clamp(0.5 + (1 − Σc/Σb) / (2 × span), 0, 1);
/// cohort score = (number of others with a higher mean per interval + half the ties) / (N − 1), 0.5 alone;
/// peak score = the mean over peak periods (days) of mean(c) / max(c), the load factor;
/// demand-response score = Σ min(max(delivered, 0), requested) / Σ requested, delivered = Σ(b − c) over each event's intervals.
/// Score = Σ weight × part / Σ weight over the parts present. Deterministic: the same input in any order
/// gives the same ranking.
/// </summary>
public static class EfficiencyScorer
{
    /// <summary>Scores and ranks <paramref name="households"/>.</summary>
    /// <exception cref="AnalyticsInputException">No household, a duplicate id, baseline timestamps that differ from consumption,
    /// a negative baseline, no usable interval, a zero baseline, an invalid event, or invalid options.</exception>
    public static EfficiencyRanking Rank(IReadOnlyList<HouseholdUsage> households, EfficiencyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(households);
        var o = options ?? EfficiencyOptions.Default;
        o.Validate();
        InputGuard.Require(households.Count > 0, "no household to rank", nameof(households));
        var duplicate = households.GroupBy(h => h.HouseholdId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        InputGuard.Require(duplicate is null, $"household '{duplicate?.Key}' is listed twice", nameof(households));

        var parts = households.Select(h => Measure(h, o)).ToList();
        var scored = parts.Select(p =>
        {
            var others = parts.Where(q => q.Id != p.Id).ToList();
            var cohort = others.Count == 0
                ? 0.5
                : (others.Count(q => q.MeanPerInterval > p.MeanPerInterval) + (0.5 * others.Count(q => q.MeanPerInterval == p.MeanPerInterval))) / others.Count;
            var weighted = (o.BaselineWeight * p.Baseline) + (o.CohortWeight * cohort) + (o.PeakWeight * p.Peak);
            var weights = o.BaselineWeight + o.CohortWeight + o.PeakWeight;
            if (p.DemandResponse is { } dr)
            {
                weighted += o.DemandResponseWeight * dr;
                weights += o.DemandResponseWeight;
            }

            var score = weighted / weights;
            return new HouseholdEfficiency(p.Id, 0, score, (long)Math.Round(score * 1e6, MidpointRounding.ToEven), p.Baseline, cohort, p.Peak,
                p.DemandResponse, p.Consumption, p.BaselineTotal);
        });

        var ranked = scored.OrderByDescending(e => e.ScorePpm).ThenBy(e => e.HouseholdId, StringComparer.Ordinal)
            .Select((e, i) => e with { Rank = i + 1 })
            .ToList();
        return new EfficiencyRanking(ranked);
    }

    private static Parts Measure(HouseholdUsage h, EfficiencyOptions o)
    {
        ArgumentNullException.ThrowIfNull(h);
        var (c, b) = (h.ConsumptionKwh, h.BaselineKwh);
        var id = h.HouseholdId;
        InputGuard.Require(!string.IsNullOrWhiteSpace(id), "a household id is blank", nameof(h));
        InputGuard.Require(c.Times.SequenceEqual(b.Times), $"household '{id}': the baseline timestamps differ from the consumption's", nameof(h));
        b.RequireNonNegative($"{id} baseline");

        var valid = Enumerable.Range(0, c.Count).Where(i => !c.IsMissing(i) && !b.IsMissing(i)).ToList();
        InputGuard.Require(valid.Count > 0, $"household '{id}': no interval has both consumption and baseline", nameof(h));
        double Use(int i) => Math.Max(0, c[0, i]);
        var consumption = valid.Sum(Use);
        var baseline = valid.Sum(i => b[0, i]);
        InputGuard.Require(baseline > 0, $"household '{id}': the baseline sums to zero", nameof(h));

        var baselineScore = Math.Clamp(0.5 + ((1 - (consumption / baseline)) / (2 * o.BaselineSpan)), 0, 1);
        var loadFactors = valid.GroupBy(i => (c.Times[i] - c.Times[0]).Ticks / o.PeakPeriod.Ticks)
            .Select(g => (Mean: g.Average(Use), Max: g.Max(Use)))
            .Where(p => p.Max > 0)
            .Select(p => p.Mean / p.Max)
            .ToList();
        var peak = loadFactors.Count == 0 ? 1.0 : loadFactors.Average();

        double? demandResponse = null;
        if (h.DemandResponse is { Count: > 0 } events)
        {
            var requested = 0.0;
            var delivered = 0.0;
            foreach (var e in events)
            {
                InputGuard.Require(e.End > e.Start && e.RequestedReductionKwh > 0 && double.IsFinite(e.RequestedReductionKwh),
                    $"household '{id}': a demand-response event needs End after Start and a positive requested reduction", nameof(h));
                var shed = valid.Where(i => c.Times[i] >= e.Start && c.Times[i] < e.End).Sum(i => b[0, i] - Use(i));
                requested += e.RequestedReductionKwh;
                delivered += Math.Clamp(shed, 0, e.RequestedReductionKwh);
            }

            demandResponse = delivered / requested;
        }

        return new Parts(id, consumption / valid.Count, baselineScore, peak, demandResponse, consumption, baseline);
    }

    private sealed record Parts(string Id, double MeanPerInterval, double Baseline, double Peak, double? DemandResponse, double Consumption, double BaselineTotal);
}
