using Microsoft.Extensions.DependencyInjection;
using Orleans.BroadcastChannel;
using SmartGrid.Grains.Consensus;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// Validators on a silo without broadcast channels talk through the stream provider registered
/// under <see cref="ValidatorStreams.ProviderName"/> (here memory streams, polled): the same
/// protocol, the same stored blocks, the same audit (docs/POEF.md §12.1).
/// </summary>
[Collection(ConsensusClusters.Name)]
public sealed class StreamTransportTests(StreamConsensusClusterFixture fixture) : IClassFixture<StreamConsensusClusterFixture>
{
    [Fact]
    public async Task Substation_blocks_are_committed_through_streams_with_one_validator_deactivated_mid_round_and_pass_the_audit()
    {
        fixture.Cluster.Silos.Should().OnlyContain(silo => silo.ServiceProvider.GetKeyedService<IBroadcastChannelProvider>(ValidatorStreams.ProviderName) == null, "this silo has streams only");
        await SubstationConsensusTests.CommitsWithOneValidatorDeactivatedMidRoundAsync(fixture);
    }
}
