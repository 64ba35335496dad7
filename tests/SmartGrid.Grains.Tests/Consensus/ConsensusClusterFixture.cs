using Orleans.TestingHost;
using SmartGrid.Grains.Consensus;
using SmartGrid.Hosting;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// A one-silo cluster for validator grains: the shared cluster's SQLite store and grain storage,
/// plus the in-memory streams validators talk through (polled every 10 ms), on silo and client.
/// </summary>
public sealed class ConsensusClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StreamPollPeriod = TimeSpan.FromMilliseconds(10);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddSmartGrid(o => o.TrustAnchor = ClusterFixture.Root.PublicKey)
            .AddSqliteLedger(o =>
            {
                o.Path = Path.Combine(DataDirectory, "smartgrid.db");
                o.FlushEachCommit = false;
            })
            .AddMemoryStreams(ValidatorStreams.ProviderName, streams => streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = StreamPollPeriod))));
        builder.ConfigureClient(client => client.AddMemoryStreams(ValidatorStreams.ProviderName));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        ClusterFixture.DeleteDirectory(DataDirectory);
    }
}
