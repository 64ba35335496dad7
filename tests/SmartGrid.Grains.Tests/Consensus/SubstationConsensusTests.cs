using Orleans.Core.Internal;
using SmartGrid.Client;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Tests.Tiers;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// The fog tier wired (issue 4, point 5): a substation hands its chain to its concentrators'
/// validator set; each block it builds is committed through the validators' streams and stored by
/// the substation with its commit evidence; the offline audit checks the certificates against the
/// set stored with the deployment.
/// </summary>
[Collection(ConsensusClusters.Name)]
public sealed class SubstationConsensusTests(ConsensusClusterFixture fixture) : IClassFixture<ConsensusClusterFixture>
{
    private Task<AnchorBlock[]> StoredBlocksAsync(DeviceId substation) => StoredBlocksAsync(fixture, substation);

    private static Task<AnchorBlock[]> StoredBlocksAsync(ConsensusClusterFixture fixture, DeviceId substation) => fixture.OfflineAsync(async store =>
    {
        var blocks = new List<AnchorBlock>();
        await foreach (var entry in store.ReadAsync(new ChainId(DeviceRole.Substation, substation)))
        {
            blocks.Add(AnchorBlock.Decode(entry.Bytes.Span));
        }

        return blocks.ToArray();
    });

    [Fact]
    public Task Substation_blocks_are_committed_through_broadcast_channels_with_one_validator_deactivated_mid_round_and_pass_the_audit()
        => CommitsWithOneValidatorDeactivatedMidRoundAsync(fixture);

    /// <summary>
    /// A substation's four concentrators commit six of its blocks while one of them is deactivated
    /// with a height open; every block is certified, anchors every concentrator, and the audit is clean.
    /// </summary>
    internal static async Task CommitsWithOneValidatorDeactivatedMidRoundAsync(ConsensusClusterFixture fixture)
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        var victim = chain.Grains[2];
        for (var height = 1; height <= 6; height++)
        {
            var seal = await chain.IntervalAsync();
            seal.Should().BeEquivalentTo(new { Sealed = false, Proposed = true, Height = height - 1L, Anchors = 4 }, "the substation proposes; its validators commit");
            if (height == 3)
            {
                // The height is open and the body offered: the victim loses both, and its round.
                await victim.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            }

            await chain.WaitStoredAsync(height);
        }

        await chain.WaitCommittedAsync(6);
        (await victim.GetStatusAsync()).Resumptions.Should().BeGreaterThanOrEqualTo(1, "the victim was reactivated from its stored state");
        chain.ShouldAgree(await chain.ChainsAsync(), 6);
        var blocks = await StoredBlocksAsync(fixture, chain.Substation);
        blocks.Should().HaveCount(6);
        var verifier = new AnchorCommitVerifier([chain.Set]);
        for (var height = 0; height < blocks.Length; height++)
        {
            var block = blocks[height];
            block.Header.Commit.Should().Be(CommitScheme.CommitCertificate);
            block.Evidence!.Height.Should().Be((ulong)height + 1, "consensus height h commits block h-1");
            verifier.Verify(block, height).Should().BeNull();
            block.Anchors.Select(a => a.Child).Should().Equal(chain.Concentrators.Order(), "each block anchors every concentrator's new head");
            block.Anchors.Should().OnlyContain(a => a.Sequence == (ulong)height);
        }

        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
        audit.Tiers[DeviceRole.Substation].Blocks.Should().BeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task Committed_blocks_carry_each_concentrators_observation_and_the_households_rewards_and_the_lottery_follows_them()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();

        // One meter per concentrator, 406 Wh a block (100 + 101 + 102 + 103); concentrator i's
        // feeder delivers 40·i Wh more: losses of 0, 896, 1,646 and 2,281 bp.
        ulong Feeder(DeviceId concentrator) => 406 + (40 * (ulong)chain.Concentrators.IndexOf(concentrator));
        for (var height = 1; height <= 6; height++)
        {
            (await chain.IntervalAsync(Feeder)).Proposed.Should().BeTrue();
            await chain.WaitStoredAsync(height);
        }

        await chain.WaitCommittedAsync(6);
        var chains = await chain.ChainsAsync();
        chain.ShouldAgree(chains, 6);
        foreach (var commit in chains[0].Take(6))
        {
            var first = commit.Block.Height == 1;
            foreach (var concentrator in chain.Concentrators)
            {
                var f = Feeder(concentrator);

                // The meter's chain starts in the first window: it counts from its first reading (100 Wh) on.
                var metered = first ? 306UL : 406UL;
                commit.Block.Observations[chain.Set.IndexOf(concentrator)].Should().Be(
                    new EfficiencyObservation(first ? EfficiencyObservation.Whole : 0, (uint)((f - metered) * EfficiencyObservation.Whole / f), EfficiencyObservation.Whole),
                    $"{concentrator} at height {commit.Block.Height}: no history to forecast from at first, then a steady feeder forecast exactly; every reading present");
            }

            // Rewards (POEF §8) need each household's window and the one before it: from height 3 on,
            // the four identical households share the budget equally.
            if (commit.Block.Height < 3)
            {
                commit.Block.Rewards.Should().BeEmpty($"height {commit.Block.Height}: no household has a whole baseline window yet");
            }
            else
            {
                commit.Block.Rewards.Should().Equal(chain.Topology.Meters.Select(m => m.Id).Order().Select(m => new Reward(m, EfficiencyParameters.Default.RewardBudget / 4)));
            }
        }

        // The table in force at height 6 ranks the concentrators by their losses.
        var claim = chains[0][5].Block.Claim;
        var byLoss = chain.Concentrators.Select(c => claim[chain.Set.IndexOf(c)]).ToList();
        byLoss.Should().BeInDescendingOrder().And.OnlyHaveUniqueItems("the area losing least scores best");
    }

    [Fact]
    public async Task A_revoked_concentrator_is_voted_out_by_a_new_set_that_commits_the_chain_from_the_next_block()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        for (var height = 1; height <= 2; height++)
        {
            await chain.IntervalAsync();
            await chain.WaitStoredAsync(height);
        }

        // The fourth concentrator's key is compromised: the utility revokes its certificate.
        var traitor = chain.Concentrators[3];
        await RevokeAsync(chain, traitor);

        ValidatorSet SetOf(IEnumerable<DeviceId> members) => new(chain.Substation, members.Select(c => new Validator(c, TestTopology.KeyOf(c).PublicKey)));
        var withTraitor = await chain.Node.UseValidatorsAsync(SetOf(chain.Concentrators.Skip(1)).Encoded.ToArray());
        withTraitor.Outcome.Should().Be(ProvisionOutcome.WrongSubject);
        withTraitor.Message.Should().Contain($"'{traitor}' holds no concentrator certificate in force").And.Contain("Revoked");

        var honest = SetOf(chain.Concentrators.Take(3));
        foreach (var member in honest.Members)
        {
            var enrolled = await chain.Client.EnrollValidatorAsync(honest.Id, member.Id, new ValidatorEnrollment { ValidatorSet = honest.Encoded.ToArray(), PrivateKey = TestTopology.KeyOf(member.Id).ExportPrivateKey(), Genesis = Hash256.Zero });
            enrolled.Succeeded.Should().BeTrue(enrolled.ToString());
        }

        var handed = await chain.Node.UseValidatorsAsync(honest.Encoded.ToArray());
        handed.Outcome.Should().Be(ProvisionOutcome.Accepted, handed.Message);
        handed.Message.Should().Contain("from the chain's next block");
        (await chain.Node.UseValidatorsAsync(honest.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown);

        for (var height = 3; height <= 5; height++)
        {
            (await chain.IntervalAsync()).Proposed.Should().BeTrue();
            await chain.WaitStoredAsync(height);
        }

        var blocks = await StoredBlocksAsync(chain.Substation);
        blocks.Should().HaveCount(5);
        blocks.Take(2).Select(b => (b.Evidence!.SetId, b.Evidence.Height)).Should().Equal((chain.Set.Id, 1UL), (chain.Set.Id, 2UL));
        blocks.Skip(2).Select(b => (b.Evidence!.SetId, b.Evidence.Height)).Should().Equal([(honest.Id, 1UL), (honest.Id, 2UL), (honest.Id, 3UL)], "the new set's consensus starts at height 1 and its first block links to the stored chain");
        blocks.Skip(2).Should().OnlyContain(b => b.Anchors.All(a => a.Child != traitor), "the revoked concentrator signs nothing more, and its chain is no member's");

        // The old set never comes back, and the audit checks each block against the set that committed it.
        (await chain.Node.UseValidatorsAsync(chain.Set.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.WrongSubject, "a set with a revoked member is refused before anything else");
        var audit = await fixture.AuditAsync();
        audit.DefectiveChains.Where(c => c.Chain.Node == chain.Substation).Should().BeEmpty();
        var verifier = new AnchorCommitVerifier([chain.Set, honest]);
        for (var height = 0; height < blocks.Length; height++)
        {
            verifier.Verify(blocks[height], height).Should().BeNull();
        }
    }

    /// <summary>
    /// Revokes <paramref name="node"/>'s certificate from a moment just ahead, and waits for it: the
    /// node drops its key at once, so every block it signed is dated before the revocation, and the
    /// audits of the shared store in the other tests stay clean (a seal timer may be signing now).
    /// </summary>
    private static async Task RevokeAsync(TestSubstationChain chain, DeviceId node)
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        var revocation = ClusterFixture.Root.Revoke(chain.Topology.NodeCertificates[node], at, RevocationReason.KeyCompromise);
        (await chain.Client.RevokeThroughUtilityAsync(chain.Topology.Utility, revocation)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        if (at - DateTimeOffset.UtcNow is { Ticks: > 0 } left)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(50));
        }
    }

    [Fact]
    public async Task A_set_whose_member_is_revoked_while_it_waits_does_not_take_over()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        await chain.IntervalAsync();
        await chain.WaitStoredAsync(1);

        var next = new ValidatorSet(chain.Substation, chain.Concentrators.Skip(1).Select(c => new Validator(c, TestTopology.KeyOf(c).PublicKey)));
        (await chain.Node.UseValidatorsAsync(next.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.Accepted);
        var revoked = chain.Concentrators[1];
        await RevokeAsync(chain, revoked);

        await chain.IntervalAsync();
        await chain.WaitStoredAsync(2);

        var blocks = await StoredBlocksAsync(chain.Substation);
        blocks.Select(b => b.Evidence!.SetId).Should().Equal([chain.Set.Id, chain.Set.Id], "the pending set was dropped at the seal that would have handed it the chain");

        // Meanwhile the other validators no longer count the revoked member's votes: the set
        // commits with the three others (n = 4 tolerates one fault).
        var honest = chain.Set.Members.Select((m, i) => (m, i)).Where(p => p.m.Id != revoked).Select(p => chain.Grains[p.i]);
        (await Task.WhenAll(honest.Select(g => g.GetStatusAsync()))).Sum(s => s.FromRevoked).Should().BePositive("its votes arrive and are dropped");
        (await chain.Node.UseValidatorsAsync(next.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.WrongSubject, "and it is refused when handed again");
    }

    [Fact]
    public async Task A_substation_seals_alone_until_its_validators_are_enrolled_then_by_their_certificates()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        var alone = await chain.IntervalAsync();
        alone.Should().BeEquivalentTo(new { Sealed = true, Proposed = false, Height = 0L });

        await chain.EnrollAsync();
        (await chain.IntervalAsync()).Proposed.Should().BeTrue();
        await chain.WaitStoredAsync(2);

        var blocks = await StoredBlocksAsync(chain.Substation);
        blocks.Select(b => b.Header.Commit).Should().Equal(CommitScheme.SignerAlone, CommitScheme.CommitCertificate);
        blocks[1].Previous.Should().Be(blocks[0].Hash);
        blocks[1].Anchors.Should().OnlyContain(a => a.Sequence == 1, "the heads anchored alone are not anchored again");
        var stored = await fixture.OfflineAsync(store => StoredValidatorSets.LoadAsync(store, store, ClusterFixture.Root.PublicKey));
        stored.Sets.Should().Contain(s => s.Id == chain.Set.Id, "the set is stored with the deployment");
        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
    }

    [Fact]
    public async Task A_substation_deactivated_while_its_block_is_decided_stores_it_on_reactivation_and_goes_on()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        (await chain.IntervalAsync()).Proposed.Should().BeTrue();
        await chain.Node.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        await chain.WaitStoredAsync(1);
        (await chain.IntervalAsync()).Should().BeEquivalentTo(new { Proposed = true, Height = 1L }, "the reactivated substation knows its consensus height from its stored evidence");
        await chain.WaitStoredAsync(2);

        var blocks = await StoredBlocksAsync(chain.Substation);
        blocks.Select(b => b.Evidence!.Height).Should().Equal(1UL, 2UL);
        blocks[1].Previous.Should().Be(blocks[0].Hash);
        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
    }

    [Fact]
    public async Task A_set_handed_over_to_a_node_restarted_with_a_block_in_flight_takes_over_only_after_that_block()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        (await chain.IntervalAsync()).Proposed.Should().BeTrue();

        // The node loses its proposal (held in memory only) while the old set decides it, and is
        // handed a new set at once.
        await chain.Node.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var next = new ValidatorSet(chain.Substation, chain.Concentrators.Take(3).Select(c => new Validator(c, TestTopology.KeyOf(c).PublicKey)));
        foreach (var member in next.Members)
        {
            (await chain.Client.EnrollValidatorAsync(next.Id, member.Id, new ValidatorEnrollment { ValidatorSet = next.Encoded.ToArray(), PrivateKey = TestTopology.KeyOf(member.Id).ExportPrivateKey(), Genesis = Hash256.Zero })).Succeeded.Should().BeTrue();
        }

        (await chain.Node.UseValidatorsAsync(next.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.Accepted);
        for (var height = 2; height <= 4; height++)
        {
            await chain.IntervalAsync();
            await chain.WaitStoredAsync(height);
        }

        var blocks = await StoredBlocksAsync(chain.Substation);
        blocks.Select(b => b.Sequence).Should().Equal(Enumerable.Range(0, blocks.Length).Select(i => (ulong)i), "one block per sequence, whichever set certified it");
        blocks[0].Evidence!.SetId.Should().Be(chain.Set.Id, "the block in flight was the old set's");
        blocks[^1].Evidence!.SetId.Should().Be(next.Id);
        blocks.Select(b => b.Evidence!.SetId == next.Id).Should().BeInAscendingOrder("once the new set took over, the old one certified nothing more");
        var audit = await fixture.AuditAsync();
        audit.DefectiveChains.Where(c => c.Chain.Node == chain.Substation).Should().BeEmpty();
    }

    [Fact]
    public async Task A_validator_does_not_take_a_body_whose_anchors_are_not_the_concentrators_stored_blocks()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        await chain.IntervalAsync();
        await chain.WaitStoredAsync(1);
        var first = (await StoredBlocksAsync(chain.Substation)).Single();

        // One concentrator stores its next block (height 1); the substation has not proposed it yet.
        var concentrator = chain.Concentrators[0];
        var meter = chain.Topology.Meters.Single(m => chain.Topology.ConcentratorOfMeter[m.Id] == concentrator);
        (await chain.Client.SubmitBlockAsync(meter.NextBlock())).Accepted.Should().BeTrue();
        await TestWait.UntilAsync(async () => (await chain.Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator)).Pending > 0, "the concentrator holds its meter's new head");
        (await chain.Client.SealNodeAsync(DeviceRole.Concentrator, concentrator)).Sealed.Should().BeTrue();
        var head = (await chain.Client.GetNodeStatusAsync(DeviceRole.Concentrator, concentrator)).Head;
        byte[] Next(ulong sequence, Hash256 anchored) => AnchorBlock.Create(DeviceRole.Substation, chain.Substation, 1, first.Header.KeySerial, first.Hash, first.Timestamp.AddHours(1),
            [new Anchor(DeviceRole.Concentrator, concentrator, sequence, anchored)], [], TestTopology.KeyOf(chain.Substation), commit: CommitScheme.CommitCertificate).Body.ToArray();

        (await chain.Grains[1].OfferBlockAsync(Next(2, head))).Should().Contain("is not in the store", "the concentrator has no block 2");
        (await chain.Grains[1].OfferBlockAsync(Next(1, Hash256.Compute("forged"u8)))).Should().Contain("hashes to", "block 1 is another one");
        (await chain.Grains[1].OfferBlockAsync(Next(1, head))).Should().BeNull("the anchor names the concentrator's stored block 1");
    }

    [Fact]
    public async Task A_set_of_strangers_or_uncertified_keys_is_refused_and_a_replaced_set_does_not_come_back()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        var members = chain.Set.Members;
        var stranger = new ValidatorSet(chain.Substation, [.. members.Skip(1), new Validator(DeviceId.Parse("dc-stranger"), members[0].Key)]);
        var uncertified = new ValidatorSet(chain.Substation, [.. members.Skip(1), new Validator(members[0].Id, TestTopology.KeyOf(DeviceId.Parse("other")).PublicKey)]);
        var elsewhere = new ValidatorSet(DeviceId.Parse("sub-elsewhere"), members);

        (await chain.Node.UseValidatorsAsync(stranger.Encoded.ToArray())).Message.Should().Contain("is not a concentrator of");
        (await chain.Node.UseValidatorsAsync(uncertified.Encoded.ToArray())).Message.Should().Contain("holds no concentrator certificate");
        (await chain.Node.UseValidatorsAsync(elsewhere.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.WrongSubject);
        (await chain.Node.UseValidatorsAsync(chain.Set.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.Accepted);
        (await chain.Node.UseValidatorsAsync(chain.Set.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown);

        // A second set replaces the first from the next block (see the revocation test); the first never comes back.
        var smaller = new ValidatorSet(chain.Substation, members.Skip(1));
        (await chain.Node.UseValidatorsAsync(smaller.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.Accepted);
        (await chain.Node.UseValidatorsAsync(smaller.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.AlreadyKnown, "pending");
        await chain.Node.SealAsync();
        var back = await chain.Node.UseValidatorsAsync(chain.Set.Encoded.ToArray());
        back.Outcome.Should().Be(ProvisionOutcome.Conflict);
        back.Message.Should().Contain("was replaced; a replaced set does not come back");
    }

    [Fact]
    public async Task The_utility_chain_is_committed_by_its_substations_the_same_way()
    {
        var client = SmartGridClient.FromGrainFactory(fixture.Client);
        var topology = await TestTopology.ProvisionAsync(client, TestSubstationChain.Start, substations: 4, concentratorsPerSubstation: 1, metersPerConcentrator: 1);
        var set = new ValidatorSet(topology.Utility, topology.Substations.Select(s => new Validator(s, TestTopology.KeyOf(s).PublicKey)));
        foreach (var member in set.Members)
        {
            var enrollment = new ValidatorEnrollment { ValidatorSet = set.Encoded.ToArray(), PrivateKey = TestTopology.KeyOf(member.Id).ExportPrivateKey(), Genesis = Hash256.Zero };
            (await client.EnrollValidatorAsync(set.Id, member.Id, enrollment)).Succeeded.Should().BeTrue();
        }

        (await client.UseValidatorsAsync(DeviceRole.Utility, topology.Utility, set.Encoded.ToArray())).Outcome.Should().Be(ProvisionOutcome.Accepted);
        for (var height = 1; height <= 3; height++)
        {
            foreach (var meter in topology.Meters)
            {
                (await client.SubmitBlockAsync(meter.NextBlock())).Accepted.Should().BeTrue();
            }

            await TestWait.UntilAsync(async () => (await Task.WhenAll(topology.Concentrators.Select(c => client.GetNodeStatusAsync(DeviceRole.Concentrator, c)))).All(s => s.Pending > 0), "every concentrator holds its meter's new head");
            (await client.SealTiersAsync(topology.Utility)).Proposed.Should().BeTrue("the substations sealed alone and the utility proposed");
            await TestWait.UntilAsync(async () => (await client.GetNodeStatusAsync(DeviceRole.Utility, topology.Utility)).Height >= height, $"the utility stores block {height - 1}");
        }

        var blocks = await fixture.OfflineAsync(async store =>
        {
            var stored = new List<AnchorBlock>();
            await foreach (var entry in store.ReadAsync(new ChainId(DeviceRole.Utility, topology.Utility)))
            {
                stored.Add(AnchorBlock.Decode(entry.Bytes.Span));
            }

            return stored;
        });
        blocks.Should().HaveCount(3).And.OnlyContain(b => b.Header.Commit == CommitScheme.CommitCertificate);
        blocks.Select((b, h) => new AnchorCommitVerifier([set]).Verify(b, h)).Should().OnlyContain(d => d == null);
        blocks.Should().OnlyContain(b => b.Anchors.Length == 4 && b.Anchors.All(a => a.ChildRole == DeviceRole.Substation));
        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
    }
}
