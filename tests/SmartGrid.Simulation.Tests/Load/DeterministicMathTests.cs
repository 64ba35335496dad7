using MathNet.Numerics.Distributions;
using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class DeterministicMathTests
{
    [Fact]
    public void Exp_agrees_with_Math_Exp_to_2e_minus_16_relative_from_minus_700_to_700()
    {
        for (var x = -700.0; x <= 700; x += 0.0137)
        {
            var expected = Math.Exp(x);
            Math.Abs(DeterministicMath.Exp(x) - expected).Should().BeLessThanOrEqualTo(2e-16 * expected * 2, $"x = {x}");
        }
    }

    [Fact]
    public void Exp_handles_the_edges()
    {
        DeterministicMath.Exp(0).Should().Be(1);
        DeterministicMath.Exp(710).Should().Be(double.PositiveInfinity);
        DeterministicMath.Exp(-746).Should().Be(0);
        DeterministicMath.Exp(-740).Should().BeApproximately(Math.Exp(-740), 1e-322);
        double.IsNaN(DeterministicMath.Exp(double.NaN)).Should().BeTrue();
    }

    [Fact]
    public void Log_agrees_with_Math_Log_to_4e_minus_16_absolute_plus_relative()
    {
        for (var e = -300; e <= 300; e += 7)
        {
            for (var m = 1.0; m < 10; m += 0.173)
            {
                var x = m * Math.Pow(10, e);
                var expected = Math.Log(x);
                Math.Abs(DeterministicMath.Log(x) - expected).Should().BeLessThanOrEqualTo(4e-16 * (1 + Math.Abs(expected)), $"x = {x}");
            }
        }

        DeterministicMath.Log(1).Should().Be(0);
        DeterministicMath.Log(5e-324).Should().BeApproximately(Math.Log(5e-324), 1e-12);
        DeterministicMath.Log(0).Should().Be(double.NegativeInfinity);
        double.IsNaN(DeterministicMath.Log(-1)).Should().BeTrue();
    }

    [Fact]
    public void Inverse_normal_agrees_with_MathNet_to_1e_minus_8()
    {
        for (var p = 1e-9; p < 1; p = p < 0.01 ? p * 3 : p + 0.0031)
        {
            DeterministicMath.InverseNormal(p).Should().BeApproximately(Normal.InvCDF(0, 1, p), 1e-8 * (1 + Math.Abs(Normal.InvCDF(0, 1, p))), $"p = {p}");
        }
    }
}
