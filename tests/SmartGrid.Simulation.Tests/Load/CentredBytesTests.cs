using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class CentredBytesTests
{
    [Fact]
    public void Sum8_is_the_byte_sum_minus_1020()
    {
        CentredBytes.Sum8(0).Should().Be(-1020);
        CentredBytes.Sum8(ulong.MaxValue).Should().Be(1020);
        CentredBytes.Sum8(0x0102030405060708UL).Should().Be(36 - 1020);
    }

    [Fact]
    public void Sum8_of_random_words_has_mean_0_and_variance_43690_within_1_percent()
    {
        var random = new SplitMix64(3);
        var values = Enumerable.Range(0, 200_000).Select(_ => (double)CentredBytes.Sum8(random.NextUInt64())).ToList();
        var mean = values.Average();
        var variance = values.Average(v => (v - mean) * (v - mean));

        mean.Should().BeApproximately(0, 2);
        variance.Should().BeApproximately(CentredBytes.Variance, 0.01 * CentredBytes.Variance);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.003)]
    [InlineData(0.05)]
    [InlineData(0.4)]
    public void Log_moment_per_byte_equals_the_exact_average_over_256_bytes(double t)
    {
        var exact = Math.Log(Enumerable.Range(0, 256).Average(b => Math.Exp(t * (b - 127.5))));

        CentredBytes.LogMomentPerByte(t).Should().BeApproximately(exact, 1e-12 * (1 + Math.Abs(exact)));
        CentredBytes.LogMomentPerByte(-t).Should().BeApproximately(exact, 1e-12 * (1 + Math.Abs(exact)));
    }
}
