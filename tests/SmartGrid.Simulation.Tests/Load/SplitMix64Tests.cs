using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Seed_zero_gives_the_reference_SplitMix64_sequence()
    {
        // First outputs of Vigna's splitmix64.c with x = 0.
        var random = new SplitMix64(0);

        random.NextUInt64().Should().Be(0xE220A8397B1DCDAFUL);
        random.NextUInt64().Should().Be(0x6E789E6AA1B965F4UL);
        random.NextUInt64().Should().Be(0x06C45D188009454FUL);
    }

    [Fact]
    public void Counter_based_access_equals_the_sequential_generator()
    {
        const ulong seed = 0xDEADBEEFCAFEUL;
        var random = new SplitMix64(seed);
        for (var n = 1; n <= 1000; n++)
        {
            SplitMix64.At(seed, n).Should().Be(random.NextUInt64());
        }
    }

    [Fact]
    public void Unit_doubles_lie_in_zero_to_one_and_average_one_half_within_0_005()
    {
        var random = new SplitMix64(7);
        var values = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToList();

        values.Should().OnlyContain(v => v >= 0 && v < 1);
        values.Average().Should().BeApproximately(0.5, 0.005);
        SplitMix64.UnitInterval(ulong.MaxValue).Should().BeLessThan(1);
    }
}
