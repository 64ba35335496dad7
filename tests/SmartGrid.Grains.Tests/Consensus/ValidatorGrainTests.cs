using Orleans.Core.Internal;
using SmartGrid.Consensus.Applications;
using SmartGrid.Consensus.Messages;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Consensus;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// PoEf validators as grains on one in-process silo: messages on memory streams, timers as grain
/// timers, committed blocks and certificates in the SQLite ledger store, what was signed in grain state.
/// </summary>
public sealed class ValidatorGrainTests(ConsensusClusterFixture fixture) : IClassFixture<ConsensusClusterFixture>
{
    [Fact]
    public async Task Four_validators_keep_committing_through_streams_while_one_is_deactivated_mid_round()
    {
        var validators = new TestValidatorSet(fixture.Client, "SUB-DEACTIVATE", 4);
        await validators.EnrollAsync();
        await validators.CommitThroughAsync(2);
        await validators.WaitCommittedAsync(2);

        // Heads offered now go into the blocks from height 4 on (height 3 was built when 2 was decided).
        await validators.OfferAsync(0, 1);
        await validators.OfferAsync(1, 7);
        await validators.CommitThroughAsync(10);
        var victim = validators.Grains[2];
        await TestWait.UntilAsync(async () => (await victim.GetStatusAsync()).Committed >= 3, "the victim is inside the run");
        await victim.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await validators.OfferAsync(0, 2);
        await validators.WaitCommittedAsync(10);

        (await victim.GetStatusAsync()).Resumptions.Should().BeGreaterThanOrEqualTo(1, "the victim was reactivated from its stored state");
        var chains = await validators.ChainsAsync();
        validators.ShouldAgree(chains, 10);
        var anchored = chains[0].Take(10).SelectMany(c => AnchorSet.Decode(c.Payload.Span)).ToList();
        anchored.Should().Contain(a => a.Child == validators.Set[1].Id && a.Sequence == 7);
        anchored.Should().Contain(a => a.Child == validators.Set[0].Id && a.Sequence == 2);
        foreach (var perConcentrator in anchored.GroupBy(a => a.Child))
        {
            perConcentrator.Select(a => a.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("a committed head is never anchored again");
        }
    }

    [Fact]
    public async Task Duplicated_reordered_and_replayed_messages_change_nothing()
    {
        var validators = new TestValidatorSet(fixture.Client, "SUB-REPLAY", 4);
        await validators.EnrollAsync();
        await validators.CommitThroughAsync(3);
        await validators.WaitCommittedAsync(3);
        var before = await validators.ChainsAsync();
        var statuses = await Task.WhenAll(validators.Grains.Select(g => g.GetStatusAsync()));

        // Every stored commit, newest first, three times over; a prevote of height 1 signed again by
        // its validator (the same bytes it sent then); and bytes that are no consensus message.
        var records = (await validators.Grains[0].GetCommittedAsync(1, 3)).Select(r => r.Record).ToList();
        var stale = Vote.Create(validators.Set.Id, 1, 0, VoteType.Prevote, before[0][0].Block.Hash, validators.Set[0].Id, validators.Keys[0]).Encode();
        var injected = Enumerable.Repeat(Enumerable.Reverse(records), 3).SelectMany(r => r).Append(stale).Append(stale).Append([0x22, 0x01, 0xFF]).ToList();
        var streams = fixture.Client.GetStreamProvider(ValidatorStreams.ProviderName);
        foreach (var member in validators.Set.Members)
        {
            var inbox = streams.GetStream<byte[]>(StreamId.Create(ValidatorAddress.NamespaceOf(validators.Set.Id), ValidatorAddress.KeyOf(validators.Set.Id, member.Id)));
            foreach (var item in injected)
            {
                await inbox.OnNextAsync(item);
            }
        }

        await TestWait.UntilAsync(async () =>
        {
            var now = await Task.WhenAll(validators.Grains.Select(g => g.GetStatusAsync()));
            return now.Zip(statuses).All(p => p.First.Received >= p.Second.Received + injected.Count - 1 && p.First.Undecodable == p.Second.Undecodable + 1);
        }, "every validator took in every injected message");

        var after = await Task.WhenAll(validators.Grains.Select(g => g.GetStatusAsync()));
        after.Select(s => s.Committed).Should().OnlyContain(c => c == 3, "the target holds them at height 3, and replays decide nothing");
        after.Select(s => s.LastCommitted).Should().Equal(statuses.Select(s => s.LastCommitted));
        (await validators.ChainsAsync()).Select(c => c.Select(a => a.Block.Hash)).Should().BeEquivalentTo(before.Select(c => c.Select(a => a.Block.Hash)), o => o.WithStrictOrdering());

        await validators.CommitThroughAsync(5);
        await validators.WaitCommittedAsync(5);
        var chains = await validators.ChainsAsync();
        validators.ShouldAgree(chains, 5);
        chains[0].Take(3).Select(c => c.Block.Hash).Should().Equal(before[0].Select(c => c.Block.Hash));
    }

    [Fact]
    public async Task Enrollment_refuses_a_key_that_is_not_the_members_and_a_second_different_enrollment()
    {
        var validators = new TestValidatorSet(fixture.Client, "SUB-ENROLL", 4);
        var enrollment = new ValidatorEnrollment { ValidatorSet = validators.Set.Encoded.ToArray(), PrivateKey = validators.Keys[1].ExportPrivateKey(), Genesis = TestValidatorSet.Genesis };

        (await validators.Grains[0].EnrollAsync(enrollment)).Outcome.Should().Be(ProvisionOutcome.WrongSubject);
        (await validators.Grains[1].EnrollAsync(enrollment)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        (await validators.Grains[1].EnrollAsync(enrollment)).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown);
        (await validators.Grains[1].EnrollAsync(enrollment with { Genesis = Hash256.Compute("other"u8) })).Outcome.Should().Be(ProvisionOutcome.Conflict);
        (await validators.Grains[2].GetStatusAsync()).Enrolled.Should().BeFalse();
    }
}
