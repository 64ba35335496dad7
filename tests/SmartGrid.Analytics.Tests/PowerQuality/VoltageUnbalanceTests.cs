using System.Numerics;
using SmartGrid.Analytics.PowerQuality;

namespace SmartGrid.Analytics.Tests.PowerQuality;

public sealed class VoltageUnbalanceTests
{
    private static readonly Complex A = Complex.FromPolarCoordinates(1, 2 * Math.PI / 3);

    [Theory]
    [InlineData(0.02, 0.0)]
    [InlineData(0.05, 1.0)]
    [InlineData(0.10, 2.5)]
    public void Line_voltage_formula_recovers_a_known_negative_sequence(double negative, double angle)
    {
        // Phase voltages from a positive sequence of 1 and a negative sequence of the given size and angle.
        var v1 = Complex.One;
        var v2 = Complex.FromPolarCoordinates(negative, angle);
        var va = v1 + v2;
        var vb = (A * A * v1) + (A * v2);
        var vc = (A * v1) + (A * A * v2);

        var unbalance = VoltageUnbalance.FromLineVoltages(400 * (va - vb).Magnitude, 400 * (vb - vc).Magnitude, 400 * (vc - va).Magnitude);

        unbalance.Should().BeApproximately(negative * 100, 1e-9);
    }

    [Fact]
    public void Phase_approximation_is_exact_when_angles_are_120_degrees_apart()
    {
        var (ua, ub, uc) = (240.0, 230.0, 220.0);
        var va = new Complex(ua, 0);
        var vb = ub * A * A;
        var vc = uc * A;
        var positive = (va + (A * vb) + (A * A * vc)) / 3;
        var negative = (va + (A * A * vb) + (A * vc)) / 3;

        VoltageUnbalance.FromPhaseVoltages(ua, ub, uc).Should().BeApproximately(negative.Magnitude / positive.Magnitude * 100, 1e-9);
        VoltageUnbalance.FromPhaseVoltages(230, 230, 230).Should().Be(0);
        VoltageUnbalance.PhaseDeviationRate(240, 230, 220).Should().BeApproximately(10.0 / 230 * 100, 1e-12);
    }

    [Fact]
    public void Impossible_or_non_positive_voltages_are_rejected()
    {
        ((Action)(() => VoltageUnbalance.FromLineVoltages(400, 400, 900))).Should().Throw<AnalyticsInputException>().WithMessage("*triangle*");
        ((Action)(() => VoltageUnbalance.FromPhaseVoltages(230, 0, 230))).Should().Throw<AnalyticsInputException>().WithMessage("*positive*");
        ((Action)(() => VoltageUnbalance.PhaseDeviationRate(230, double.NaN, 230))).Should().Throw<AnalyticsInputException>();
    }
}
