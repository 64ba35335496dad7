using SmartGrid.Consensus.Applications;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Contracts.Consensus;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>n validator grains of a fresh set (a chain id of its own per test), with derived keys.</summary>
internal sealed class TestValidatorSet
{
    public static readonly Hash256 Genesis = Hash256.Compute("validator-tests genesis"u8);

    public TestValidatorSet(IClusterClient client, string chain, int count)
    {
        Keys = [.. Enumerable.Range(0, count).Select(i => SigningKeyPair.Derive("validator-tests"u8, $"{chain}/{i}"))];
        Set = new ValidatorSet(DeviceId.Parse(chain), Keys.Select((k, i) => new Validator(DeviceId.Parse($"DC-{i + 1:D5}"), k.PublicKey)));
        Grains = [.. Set.Members.Select(m => client.GetGrain<IValidatorGrain>(ValidatorAddress.KeyOf(Set.Id, m.Id)))];
    }

    public SigningKeyPair[] Keys { get; }

    public ValidatorSet Set { get; }

    public IValidatorGrain[] Grains { get; }

    public async Task EnrollAsync()
    {
        for (var i = 0; i < Grains.Length; i++)
        {
            var result = await Grains[i].EnrollAsync(new ValidatorEnrollment { ValidatorSet = Set.Encoded.ToArray(), PrivateKey = Keys[i].ExportPrivateKey(), Genesis = Genesis });
            result.Succeeded.Should().BeTrue(result.ToString());
        }
    }

    public Task CommitThroughAsync(ulong height) => Task.WhenAll(Grains.Select(g => g.CommitThroughAsync(height)));

    /// <summary>A head of the concentrator at <paramref name="index"/> offered to every validator.</summary>
    public async Task OfferAsync(int index, ulong sequence)
    {
        var anchor = new Anchor(DeviceRole.Concentrator, Set[index].Id, sequence, Hash256.Compute([(byte)index, (byte)sequence]));
        foreach (var grain in Grains)
        {
            await grain.OfferAnchorAsync(anchor);
        }
    }

    /// <summary>Waits, generously (a loaded 2-core machine), until every validator has committed <paramref name="height"/>.</summary>
    public async Task WaitCommittedAsync(ulong height)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TestWait.UntilAsync(async () => (await Task.WhenAll(Grains.Select(g => g.GetStatusAsync()))).All(s => s.Committed >= height), $"all validators commit height {height}");
                return;
            }
            catch (TimeoutException) when (attempt < 12)
            {
            }
        }
    }

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

    /// <summary>All validators hold the same blocks at every height they all hold, each with a certificate that verifies against the set, and payloads that are anchor sets.</summary>
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
            FluentActions.Invoking(() => AnchorSet.Decode(commit.Payload.Span)).Should().NotThrow();
        }
    }
}
