using MathNet.Numerics;
using SmartGrid.Analytics.Faults;

namespace SmartGrid.Analytics.Tests.Faults;

public sealed class DriftLineTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 20_000.0)]
    [InlineData(3, 740_000.0)]
    public void Running_sums_fit_the_same_line_as_mathnet_on_random_data(int seed, double firstX)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, 40).Select(i => firstX + i + (0.5 * random.NextDouble())).ToArray();
        var y = x.Select(v => 0.3 - (0.004 * (v - firstX)) + (0.2 * (random.NextDouble() - 0.5))).ToArray();
        var line = default(DriftLine);
        for (var i = 0; i < x.Length; i++)
        {
            line.Add(x[i], y[i]);
        }

        var (intercept, slope) = Fit.Line(x, y);
        var residuals = x.Zip(y, (xi, yi) => yi - (intercept + (slope * xi))).Sum(r => r * r);
        var meanX = x.Average();
        var t = slope / Math.Sqrt(residuals / (x.Length - 2) / x.Sum(v => (v - meanX) * (v - meanX)));

        line.Count.Should().Be(40);
        line.Slope.Should().BeApproximately(slope, 1e-9);
        line.Intercept.Should().BeApproximately(intercept, 1e-9 * Math.Max(1, firstX));
        line.TStatistic.Should().BeApproximately(t, 1e-6 * Math.Abs(t));
        line.Span.Should().BeApproximately(x[^1] - x[0], 1e-12);
        line.Change.Should().BeApproximately(Math.Exp(slope * (x[^1] - x[0])) - 1, 1e-9);
    }

    [Fact]
    public void An_exact_line_has_an_infinite_t_and_a_flat_one_is_no_drift()
    {
        var rising = default(DriftLine);
        var flat = default(DriftLine);
        for (var d = 0; d < 10; d++)
        {
            rising.Add(d, 0.01 * d);
            flat.Add(d, 0.2);
        }

        rising.Slope.Should().BeApproximately(0.01, 1e-12);
        rising.TStatistic.Should().Be(double.PositiveInfinity);
        flat.Slope.Should().BeApproximately(0, 1e-15);
        flat.IsDrift(FaultDetectionOptions.Default).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0, 3.0)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 3, 2.0)]
    [InlineData(new[] { 1.0, 2, 3, 4, 10 }, 1, 3.5)]
    [InlineData(new[] { 1.0, 2, 3, 4, 10 }, 4, 2.5)]
    public void The_median_of_the_others_is_read_in_place(double[] sorted, int skip, double expected)
    {
        DriftLine.MedianExcluding(sorted, skip).Should().Be(expected);
        var others = sorted.Where((_, i) => i != skip).ToArray();
        expected.Should().Be(others.Length % 2 == 1 ? others[others.Length / 2] : (others[(others.Length / 2) - 1] + others[others.Length / 2]) / 2);
    }
}
