using SmartGrid.Client;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Contracts.Meters;
using SmartGrid.Contracts.Tiers;
using SmartGrid.Grains.Tests.Tiers;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// A substation whose chain its concentrators commit: a fresh topology (one substation, n
/// concentrators with one meter each), the validator set of the concentrators' certified keys,
/// each validator grain enrolled with its concentrator's key, and the set handed to the substation.
/// </summary>
internal sealed class TestSubstationChain
{
    public static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    private TestSubstationChain(IClusterClient client, TestTopology topology)
    {
        Client = SmartGridClient.FromGrainFactory(client);
        Topology = topology;
        Substation = topology.Substations[0];
        Concentrators = topology.ConcentratorsOf[Substation];
        Set = new ValidatorSet(Substation, Concentrators.Select(c => new Validator(c, TestTopology.KeyOf(c).PublicKey)));
        Grains = [.. Set.Members.Select(m => client.GetGrain<IValidatorGrain>(ValidatorAddress.KeyOf(Set.Id, m.Id)))];
        Node = client.GetGrain<ISubstationGrain>(Substation.Value);
    }

    public SmartGridClient Client { get; }

    public TestTopology Topology { get; }

    public DeviceId Substation { get; }

    public List<DeviceId> Concentrators { get; }

    public ValidatorSet Set { get; }

    public IValidatorGrain[] Grains { get; }

    public ISubstationGrain Node { get; }

    public static async Task<TestSubstationChain> ProvisionAsync(IClusterClient client, int concentrators = 4)
    {
        var topology = await TestTopology.ProvisionAsync(SmartGridClient.FromGrainFactory(client), Start, substations: 1, concentratorsPerSubstation: concentrators, metersPerConcentrator: 1);
        return new TestSubstationChain(client, topology);
    }

    /// <summary>Enrolls every validator with its concentrator's key, then hands the substation's chain to the set.</summary>
    public async Task EnrollAsync()
    {
        for (var i = 0; i < Grains.Length; i++)
        {
            var key = TestTopology.KeyOf(Set[i].Id);
            var result = await Grains[i].EnrollAsync(new ValidatorEnrollment { ValidatorSet = Set.Encoded.ToArray(), PrivateKey = key.ExportPrivateKey(), Genesis = Hash256.Zero });
            result.Succeeded.Should().BeTrue(result.ToString());
        }

        var handed = await Node.UseValidatorsAsync(Set.Encoded.ToArray());
        handed.Outcome.Should().Be(ProvisionOutcome.Accepted, handed.Message);
    }

    /// <summary>
    /// One interval: every meter uploads, every concentrator has its head, and the substation seals
    /// its subtree: the concentrators store their blocks, and the substation proposes its own.
    /// </summary>
    /// <remarks>With <paramref name="feederWh"/>, each meter's concentrator also gets a feeder reading of that many Wh over the meter's new block.</remarks>
    public async Task<SealResult> IntervalAsync(Func<DeviceId, ulong>? feederWh = null)
    {
        foreach (var meter in Topology.Meters)
        {
            var from = meter.Clock;
            var result = await Client.SubmitBlockAsync(meter.NextBlock());
            result.Accepted.Should().BeTrue(result.ToString());
            if (feederWh is not null)
            {
                var concentrator = Topology.ConcentratorOfMeter[meter.Id];
                await Client.ReportFeederAsync(concentrator, new FeederReading(from, meter.Clock, feederWh(concentrator)));
            }
        }

        await TestWait.UntilAsync(async () => (await Task.WhenAll(Concentrators.Select(c => Client.GetNodeStatusAsync(DeviceRole.Concentrator, c)))).All(s => s.Pending > 0), "every concentrator holds its meter's new head");
        return await Node.SealTreeAsync();
    }

    /// <summary>Waits, generously (a loaded 2-core machine), until the substation has stored <paramref name="blocks"/> blocks.</summary>
    public async Task WaitStoredAsync(long blocks)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TestWait.UntilAsync(async () => (await Node.GetStatusAsync()).Height >= blocks, $"the substation stores {blocks} blocks");
                return;
            }
            catch (TimeoutException) when (attempt < 12)
            {
                // The one-way notices may have been lost with a deactivated validator: the next seal pulls the commit.
                await Node.SealAsync();
            }
        }
    }

    /// <summary>Waits until every validator has committed <paramref name="height"/> (the substation stores a block once a quorum has).</summary>
    public Task WaitCommittedAsync(ulong height) =>
        TestWait.UntilAsync(async () => (await Task.WhenAll(Grains.Select(g => g.GetStatusAsync()))).All(s => s.Committed >= height), $"all validators commit height {height}");

    /// <summary>Every validator's stored chain from height 1, decoded.</summary>
    public async Task<CommitAnnouncement[][]> ChainsAsync()
    {
        var chains = new List<CommitAnnouncement[]>();
        foreach (var grain in Grains)
        {
            var records = await grain.GetCommittedAsync(1, 256);
            records.Select(r => r.Height).Should().Equal(Enumerable.Range(1, records.Count).Select(h => (ulong)h), "a chain has every height once, in order");
            chains.Add([.. records.Select(r => CommitAnnouncement.Decode(r.Record))]);
        }

        return [.. chains];
    }

    /// <summary>All validators hold the same blocks at every height they all hold, each with a certificate that verifies against the set, and payloads that are the substation's block bodies.</summary>
    public void ShouldAgree(CommitAnnouncement[][] chains, ulong atLeast)
    {
        var common = chains.Min(c => c.Length);
        common.Should().BeGreaterThanOrEqualTo((int)atLeast);
        for (var h = 0; h < common; h++)
        {
            chains.Select(c => c[h].Block.Hash).Distinct().Should().ContainSingle($"every validator committed the same block at height {h + 1}");
        }

        foreach (var commit in chains.SelectMany(c => c))
        {
            commit.Certificate.Check(Set, commit.Block).Should().Be(CertificateDefect.None, $"the certificate of height {commit.Height} verifies");
            commit.PayloadMatches().Should().BeTrue();
            commit.Certificate.Signatures.Length.Should().BeGreaterThanOrEqualTo(Set.Quorum);
            AnchorBlock.DecodeBody(commit.Payload.Span).Node.Should().Be(Substation);
        }
    }
}
