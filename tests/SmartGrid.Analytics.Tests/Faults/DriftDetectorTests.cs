using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;
using SmartGrid.Analytics.Tests.PowerQuality;

namespace SmartGrid.Analytics.Tests.Faults;

public sealed class DriftDetectorTests
{
    private const int Days = 60;

    /// <summary>A cohort of 6 meters with a shared weather factor and a seeded ±10 % noise; meter m0 drifts by <paramref name="drift"/> over the window.</summary>
    private static Dictionary<string, SampledSeries> Cohort(double drift, int seed = 7)
    {
        var random = new Random(seed);
        var weather = Enumerable.Range(0, Days).Select(d => 1 + (0.3 * Math.Sin(d / 5.0))).ToArray();
        return Enumerable.Range(0, 6).ToDictionary(
            m => $"m{m}",
            m =>
            {
                var size = 8 + m;
                var values = Enumerable.Range(0, Days)
                    .Select(d => size * weather[d] * (1 + (0.2 * (random.NextDouble() - 0.5))) * (m == 0 ? 1 + (drift * d / (Days - 1)) : 1))
                    .ToArray();
                return SampledSeries.Regular(Series.T0, TimeSpan.FromDays(1), values);
            });
    }

    [Fact]
    public void A_meter_losing_15_percent_over_two_months_is_found_with_its_size()
    {
        var faults = DriftDetector.Detect(Cohort(-0.15));

        var fault = faults.Should().ContainSingle().Subject;
        fault.MeterId.Should().Be("m0");
        fault.Kind.Should().Be(MeterFaultKind.Drifting);
        fault.Magnitude.Should().BeInRange(-0.20, -0.10);
        fault.End.Should().Be(Series.T0.AddDays(Days));
    }

    [Fact]
    public void A_cohort_without_drift_raises_nothing()
    {
        DriftDetector.Detect(Cohort(0)).Should().BeEmpty();
        DriftDetector.Detect(Cohort(0, seed: 11)).Should().BeEmpty();
    }

    [Fact]
    public void An_exact_drift_is_measured_exactly()
    {
        var cohort = Enumerable.Range(0, 4).ToDictionary(
            m => $"m{m}",
            m => SampledSeries.Regular(Series.T0, TimeSpan.FromDays(1),
                Enumerable.Range(0, 30).Select(d => 10.0 * (m == 3 ? Math.Exp(0.01 * d) : 1)).ToArray()));

        var fault = DriftDetector.Detect(cohort).Should().ContainSingle().Subject;

        fault.MeterId.Should().Be("m3");
        fault.Magnitude.Should().BeApproximately(Math.Exp(0.29) - 1, 1e-9);
    }

    [Fact]
    public void A_cohort_of_two_is_rejected()
    {
        var act = () => DriftDetector.Detect(Cohort(0).Take(2).ToDictionary());

        act.Should().Throw<AnalyticsInputException>().WithMessage("*at least 3 meters*");
    }
}
