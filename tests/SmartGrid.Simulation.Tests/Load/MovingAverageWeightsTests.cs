using SmartGrid.Simulation.Load;

namespace SmartGrid.Simulation.Tests.Load;

public sealed class MovingAverageWeightsTests
{
    [Fact]
    public void Weights_decay_geometrically_from_4096()
    {
        MovingAverageWeights.Create(0.5, 4).Should().Equal(4096, 2048, 1024, 512);
        MovingAverageWeights.Create(0, 3).Should().Equal(4096, 0, 0);
        MovingAverageWeights.Create(1, 3).Should().Equal(4096, 4096, 4096);
    }

    [Theory]
    [InlineData(0.1, 8)]
    [InlineData(0.45, 8)]
    [InlineData(0.8, 8)]
    [InlineData(0.6, 4)]
    public void Persistence_for_a_lag1_correlation_reproduces_it_within_0_001(double target, int taps)
    {
        var persistence = MovingAverageWeights.PersistenceFor(target, taps);

        MovingAverageWeights.Lag1Correlation(MovingAverageWeights.Create(persistence, taps)).Should().BeApproximately(target, 0.001);
    }

    [Fact]
    public void An_unreachable_correlation_gives_the_largest_persistence()
    {
        MovingAverageWeights.PersistenceFor(0.95, 4).Should().BeApproximately(1, 1e-9);
    }
}
