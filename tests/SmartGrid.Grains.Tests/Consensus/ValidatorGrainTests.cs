using Orleans.BroadcastChannel;
using SmartGrid.Consensus.Messages;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Consensus;
using SmartGrid.Grains.Tests.Tiers;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// PoEf validators as grains on one in-process silo: messages on memory streams, timers as grain
/// timers, committed blocks and certificates in the SQLite ledger store, what was signed in grain state.
/// </summary>
[Collection(ConsensusClusters.Name)]
public sealed class ValidatorGrainTests(ConsensusClusterFixture fixture) : IClassFixture<ConsensusClusterFixture>
{
    [Fact]
    public async Task Duplicated_reordered_and_replayed_messages_change_nothing()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        for (var height = 1; height <= 3; height++)
        {
            (await chain.IntervalAsync()).Proposed.Should().BeTrue();
            await chain.WaitStoredAsync(height);
        }

        await chain.WaitCommittedAsync(3);
        var before = await chain.ChainsAsync();
        var statuses = await Task.WhenAll(chain.Grains.Select(g => g.GetStatusAsync()));

        // Every stored commit, newest first, three times over; a prevote of height 1 signed again by
        // its validator (the same bytes it sent then); and bytes that are no consensus message.
        var records = (await chain.Grains[0].GetCommittedAsync(1, 3)).Select(r => r.Record).ToList();
        var stale = Vote.Create(chain.Set.Id, 1, 0, VoteType.Prevote, before[0][0].Block.Hash, chain.Set[0].Id, TestTopology.KeyOf(chain.Set[0].Id)).Encode();
        var injected = Enumerable.Repeat(Enumerable.Reverse(records), 3).SelectMany(r => r).Append(stale).Append(stale).Append([0x22, 0x01, 0xFF]).ToList();
        var channels = fixture.Client.GetBroadcastChannelProvider(ValidatorStreams.ProviderName);
        foreach (var member in chain.Set.Members)
        {
            var inbox = channels.GetChannelWriter<byte[]>(ChannelId.Create(ValidatorAddress.NamespaceOf(chain.Set.Id), ValidatorAddress.KeyOf(chain.Set.Id, member.Id)));
            foreach (var item in injected)
            {
                await inbox.Publish(item);
            }
        }

        await TestWait.UntilAsync(async () =>
        {
            var now = await Task.WhenAll(chain.Grains.Select(g => g.GetStatusAsync()));
            return now.Zip(statuses).All(p => p.First.Received >= p.Second.Received + injected.Count - 1 && p.First.Undecodable == p.Second.Undecodable + 1);
        }, "every validator took in every injected message");

        var after = await Task.WhenAll(chain.Grains.Select(g => g.GetStatusAsync()));
        after.Select(s => s.Committed).Should().OnlyContain(c => c == 3, "the target holds them at height 3, and replays decide nothing");
        after.Select(s => s.LastCommitted).Should().Equal(statuses.Select(s => s.LastCommitted));
        (await chain.ChainsAsync()).Select(c => c.Select(a => a.Block.Hash)).Should().BeEquivalentTo(before.Select(c => c.Select(a => a.Block.Hash)), o => o.WithStrictOrdering());
        (await chain.Node.GetStatusAsync()).Height.Should().Be(3, "the substation stored each commit once");

        for (var height = 4; height <= 5; height++)
        {
            (await chain.IntervalAsync()).Proposed.Should().BeTrue();
            await chain.WaitStoredAsync(height);
        }

        await chain.WaitCommittedAsync(5);
        var chains = await chain.ChainsAsync();
        chain.ShouldAgree(chains, 5);
        chains[0].Take(3).Select(c => c.Block.Hash).Should().Equal(before[0].Select(c => c.Block.Hash));
    }

    [Fact]
    public async Task Enrollment_refuses_a_key_that_is_not_the_members_and_a_second_different_enrollment()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        var enrollment = new ValidatorEnrollment { ValidatorSet = chain.Set.Encoded.ToArray(), PrivateKey = TestTopology.KeyOf(chain.Set[1].Id).ExportPrivateKey(), Genesis = Hash256.Zero };

        (await chain.Grains[0].EnrollAsync(enrollment)).Outcome.Should().Be(ProvisionOutcome.WrongSubject);
        (await chain.Grains[1].EnrollAsync(enrollment)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        (await chain.Grains[1].EnrollAsync(enrollment)).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown);
        (await chain.Grains[1].EnrollAsync(enrollment with { Genesis = Hash256.Compute("other"u8) })).Outcome.Should().Be(ProvisionOutcome.Conflict);
        (await chain.Grains[2].GetStatusAsync()).Enrolled.Should().BeFalse();
    }
}
