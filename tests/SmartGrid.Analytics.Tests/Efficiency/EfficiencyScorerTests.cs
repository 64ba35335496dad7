using SmartGrid.Analytics.Efficiency;
using SmartGrid.Analytics.PowerQuality;
using SmartGrid.Analytics.Tests.PowerQuality;

namespace SmartGrid.Analytics.Tests.Efficiency;

public sealed class EfficiencyScorerTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static SampledSeries Hourly(double[] values) => SampledSeries.Regular(Series.T0, Hour, values);

    private static HouseholdUsage Household(string id, double[] consumption, double[] baseline, params DemandResponseEvent[] events) =>
        new(id, Hourly(consumption), Hourly(baseline), events);

    private static double[] Flat(double value, int hours = 48) => Enumerable.Repeat(value, hours).ToArray();

    [Fact]
    public void Known_answer_for_one_household_without_events()
    {
        // Uses 0.8 of its baseline: 0.5 + 0.2 / (2 x 0.5) = 0.7. Alone in its cohort: 0.5. Flat: load factor 1.
        var ranking = EfficiencyScorer.Rank([Household("h1", Flat(1.0, 24), Flat(1.25, 24))]);

        var entry = ranking.Entries.Should().ContainSingle().Subject;
        entry.BaselineScore.Should().BeApproximately(0.7, 1e-12);
        entry.CohortScore.Should().Be(0.5);
        entry.PeakScore.Should().Be(1.0);
        entry.DemandResponseScore.Should().BeNull();
        entry.Score.Should().BeApproximately(((0.3 * 0.7) + (0.2 * 0.5) + (0.2 * 1.0)) / 0.7, 1e-12);
        entry.ScorePpm.Should().Be((long)Math.Round(entry.Score * 1e6));
        entry.Rank.Should().Be(1);
    }

    [Fact]
    public void A_household_that_cuts_its_peak_ranks_above_one_that_does_not()
    {
        // Same daily energy (24 kWh) and baseline; one spreads it flat, the other draws 12.5 kWh in one evening hour.
        var peaky = Enumerable.Range(0, 48).Select(h => h % 24 == 19 ? 12.5 : 0.5).ToArray();
        var ranking = EfficiencyScorer.Rank([Household("peaky", peaky, Flat(1.0)), Household("flat", Flat(1.0), Flat(1.0))]);

        ranking.Entries.Select(e => e.HouseholdId).Should().Equal("flat", "peaky");
        ranking.Entries[1].PeakScore.Should().BeApproximately(1.0 / 12.5, 1e-12);
        ranking.Entries[0].BaselineScore.Should().Be(ranking.Entries[1].BaselineScore);
    }

    [Fact]
    public void Delivering_a_requested_reduction_raises_the_score()
    {
        var dr = new DemandResponseEvent(Series.T0.AddHours(18), Series.T0.AddHours(20), 1.0);
        var shed = Flat(1.0);
        shed[18] = 0.5;
        shed[19] = 0.5;
        shed[30] = 2.0; // the shed energy comes back later: total energy and cohort standing stay equal
        var partial = Flat(1.0);
        partial[18] = 0.75;
        partial[30] = 1.25;

        var ranking = EfficiencyScorer.Rank([
            Household("ignored", Flat(1.0), Flat(1.0), dr),
            Household("delivered", shed, Flat(1.0), dr),
            Household("half", partial, Flat(1.0), dr),
        ]);

        ranking.Entries.Select(e => e.HouseholdId).Should().Equal("delivered", "half", "ignored");
        ranking.Entries.Select(e => e.DemandResponseScore).Should().Equal(1.0, 0.25, 0.0);
    }

    [Fact]
    public void Cohort_score_is_the_share_of_others_that_used_more()
    {
        var ranking = EfficiencyScorer.Rank([
            Household("small", Flat(1.0), Flat(2.0)),
            Household("medium", Flat(2.0), Flat(2.0)),
            Household("large", Flat(3.0), Flat(2.0)),
            Household("medium-too", Flat(2.0), Flat(2.0)),
        ]);

        var cohort = ranking.Entries.ToDictionary(e => e.HouseholdId, e => e.CohortScore);
        cohort["small"].Should().Be(1.0);
        cohort["medium"].Should().Be(0.5);
        cohort["medium-too"].Should().Be(0.5);
        cohort["large"].Should().Be(0.0);
        ranking.Entries[^1].HouseholdId.Should().Be("large");
    }

    [Fact]
    public void The_ranking_does_not_depend_on_input_order_and_ties_go_by_id()
    {
        var households = new[] { "c", "a", "b" }.Select(id => Household(id, Flat(1.0), Flat(1.0))).ToList();

        var forward = EfficiencyScorer.Rank(households);
        var backward = EfficiencyScorer.Rank(households.AsEnumerable().Reverse().ToList());

        forward.Entries.Should().BeEquivalentTo(backward.Entries, o => o.WithStrictOrdering());
        forward.Entries.Select(e => e.HouseholdId).Should().Equal("a", "b", "c");
        forward.Top(2).Select(e => e.Rank).Should().Equal(1, 2);
        forward.Top(10).Should().HaveCount(3);
    }

    [Fact]
    public void Missing_intervals_are_left_out_and_net_export_counts_as_zero()
    {
        var consumption = Flat(1.0, 24);
        consumption[3] = double.NaN;
        consumption[4] = -2.0;

        var entry = EfficiencyScorer.Rank([Household("h", consumption, Flat(1.0, 24))]).Entries[0];

        entry.ConsumptionKwh.Should().Be(22.0);
        entry.BaselineKwh.Should().Be(23.0);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var shifted = new HouseholdUsage("h", Hourly(Flat(1.0)), SampledSeries.Regular(Series.T0.AddHours(1), Hour, Flat(1.0)), []);

        ((Action)(() => EfficiencyScorer.Rank([]))).Should().Throw<AnalyticsInputException>().WithMessage("*no household*");
        ((Action)(() => EfficiencyScorer.Rank([shifted]))).Should().Throw<AnalyticsInputException>().WithMessage("*timestamps differ*");
        ((Action)(() => EfficiencyScorer.Rank([Household("h", Flat(1.0), Flat(1.0)), Household("h", Flat(1.0), Flat(1.0))])))
            .Should().Throw<AnalyticsInputException>().WithMessage("*listed twice*");
        ((Action)(() => EfficiencyScorer.Rank([Household("h", Flat(1.0), Flat(0.0))]))).Should().Throw<AnalyticsInputException>().WithMessage("*sums to zero*");
        ((Action)(() => EfficiencyScorer.Rank([Household("h", Flat(1.0), Flat(-1.0))]))).Should().Throw<AnalyticsInputException>().WithMessage("*negative*");
        ((Action)(() => EfficiencyScorer.Rank([Household("h", Flat(1.0), Flat(1.0), new DemandResponseEvent(Series.T0, Series.T0, 1))])))
            .Should().Throw<AnalyticsInputException>().WithMessage("*demand-response*");
        ((Action)(() => EfficiencyScorer.Rank([Household("h", Flat(1.0), Flat(1.0))], new EfficiencyOptions { PeakWeight = -1 })))
            .Should().Throw<AnalyticsInputException>().WithMessage("*weights*");
        ((Action)(() => EfficiencyScorer.Rank([Household("h", Flat(1.0), Flat(1.0))]).Top(0))).Should().Throw<AnalyticsInputException>();
    }
}
