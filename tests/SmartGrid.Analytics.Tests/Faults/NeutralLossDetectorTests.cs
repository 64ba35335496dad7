using SmartGrid.Analytics.Faults;
using SmartGrid.Analytics.PowerQuality;
using SmartGrid.Analytics.Tests.PowerQuality;

namespace SmartGrid.Analytics.Tests.Faults;

public sealed class NeutralLossDetectorTests
{
    private static SampledSeries Phases(double[] l1, double[] l2, double[] l3) => SampledSeries.Regular(Series.T0, TimeSpan.FromMinutes(1), l1, l2, l3);

    [Fact]
    public void One_phase_high_and_one_low_with_the_mean_near_nominal_is_a_broken_neutral()
    {
        var faults = NeutralLossDetector.Detect("m1", Phases([230, 262, 265, 230], [230, 232, 231, 230], [230, 195, 190, 230]));

        var fault = faults.Should().ContainSingle().Subject;
        fault.Kind.Should().Be(MeterFaultKind.NeutralLoss);
        fault.Start.Should().Be(Series.T0.AddMinutes(1));
        fault.End.Should().Be(Series.T0.AddMinutes(3));
        fault.Magnitude.Should().BeApproximately(VoltageUnbalance.FromPhaseVoltages(265, 231, 190), 1e-12);
        fault.Magnitude.Should().BeGreaterThan(2);
    }

    [Theory]
    [InlineData(253.0, 190.0, 237.0)]
    [InlineData(262.0, 207.0, 221.0)]
    [InlineData(262.0, 160.0, 200.0)]
    public void It_needs_both_a_high_and_a_low_phase_and_a_steady_mean(double high, double low, double third)
    {
        // Just at 110 %, just at 90 %, and a mean of 207 V (10 % low: a supply-wide sag) are not neutral loss.
        NeutralLossDetector.Detect("m1", Phases([230, high, 230], [230, low, 230], [230, third, 230])).Should().BeEmpty();
    }

    [Fact]
    public void Single_phase_series_are_rejected()
    {
        var act = () => NeutralLossDetector.Detect("m1", Series.Minutes(230, 230));

        act.Should().Throw<AnalyticsInputException>().WithMessage("*three phases*");
    }
}
