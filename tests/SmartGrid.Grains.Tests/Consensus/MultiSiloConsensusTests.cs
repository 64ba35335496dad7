using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Validators;
using SmartGrid.Hosting;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// Two silos sharing one ledger (in process memory: SQLite's single writer is one per process),
/// grain state in Orleans' memory storage (a cluster-wide grain), validators on broadcast
/// channels: a message between validators on different silos is a remote grain call.
/// </summary>
public sealed class TwoSiloConsensusClusterFixture : IAsyncLifetime
{
    public InMemoryLedgerStore Store { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<ILedgerStore>(Store);
            silo.Services.AddSingleton<IPkiStore>(Store);
            silo.AddMemoryGrainStorage(StorageNames.GrainState)
                .AddMemoryGrainStorageAsDefault()
                .AddSmartGrid(o =>
                {
                    o.TrustAnchor = ClusterFixture.Root.PublicKey;
                    o.AnchorSealInterval = TimeSpan.Zero;
                })
                .AddValidatorChannels();
        });
        builder.ConfigureClient(client => client.AddBroadcastChannel(SmartGridSiloBuilderExtensions.StreamProvider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}

/// <summary>A validator set whose members run on two silos (docs/POEF.md §12.1: channels and streams reach a grain wherever it is activated).</summary>
[Collection(ConsensusClusters.Name)]
public sealed class MultiSiloConsensusTests(TwoSiloConsensusClusterFixture fixture) : IClassFixture<TwoSiloConsensusClusterFixture>
{
    [Fact]
    public async Task Validators_spread_over_two_silos_commit_the_substation_chain_and_pass_the_audit()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        // New activations prefer the silo of the gateway that calls them: migrate half the set to
        // the other silo, from where each resumes from its stored state.
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        for (var i = 0; i < chain.Grains.Length; i++)
        {
            var target = silos[i % silos.Length];
            if (await management.GetActivationAddress(chain.Grains[i]) != target)
            {
                await fixture.Cluster.MigrateAsync(chain.Grains[i].GetGrainId(), target);
                await TestWait.UntilAsync(async () => (await chain.Grains[i].GetStatusAsync()).Enrolled, "the validator is back");
            }
        }

        (await SilosOfAsync(management, chain)).Should().HaveCount(2, "the set spans both silos");
        for (var height = 1; height <= 4; height++)
        {
            (await chain.IntervalAsync()).Proposed.Should().BeTrue();
            await chain.WaitStoredAsync(height);
        }

        await chain.WaitCommittedAsync(4);
        chain.ShouldAgree(await chain.ChainsAsync(), 4);
        var sets = await StoredValidatorSets.LoadAsync(fixture.Store, fixture.Store, ClusterFixture.Root.PublicKey);
        sets.Problems.Should().BeEmpty();
        var audit = await new LedgerAuditor(fixture.Store, fixture.Store, ClusterFixture.Root.PublicKey, commits: new AnchorCommitVerifier(sets.Sets)).AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
        audit.Tiers[DeviceRole.Substation].Blocks.Should().Be(4);
    }

    private static async Task<HashSet<SiloAddress>> SilosOfAsync(IManagementGrain management, TestSubstationChain chain)
    {
        var silos = new HashSet<SiloAddress>();
        foreach (var grain in chain.Grains)
        {
            if (await management.GetActivationAddress(grain) is { } silo)
            {
                silos.Add(silo);
            }
        }

        return silos;
    }
}
