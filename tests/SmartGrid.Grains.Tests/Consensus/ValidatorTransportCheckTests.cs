using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Tests.Tiers;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// The shared cluster registers no validator transport (no broadcast channels, no stream
/// provider named "smartgrid"): enrollment says so with a typed refusal and stores nothing,
/// instead of enrolling a validator that could never reach its peers.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ValidatorTransportCheckTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Enrollment_on_a_silo_without_a_validator_transport_is_refused_and_stores_nothing()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        var enrollment = new ValidatorEnrollment { ValidatorSet = chain.Set.Encoded.ToArray(), PrivateKey = TestTopology.KeyOf(chain.Set[0].Id).ExportPrivateKey(), Genesis = Hash256.Zero };

        var result = await chain.Grains[0].EnrollAsync(enrollment);

        result.Outcome.Should().Be(ProvisionOutcome.NotConfigured);
        result.Message.Should().Contain("no validator transport").And.Contain("AddValidatorChannels");
        (await chain.Grains[0].GetStatusAsync()).Enrolled.Should().BeFalse();
        await fixture.Cluster.DeactivateAsync(chain.Grains[0]);
        (await chain.Grains[0].GetStatusAsync()).Enrolled.Should().BeFalse("nothing of the enrollment was stored");
    }
}
