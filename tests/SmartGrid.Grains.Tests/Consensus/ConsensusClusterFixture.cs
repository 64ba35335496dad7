using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmartGrid.Consensus.Certificates;
using SmartGrid.Consensus.Validators;
using SmartGrid.Grains.Consensus;
using SmartGrid.Hosting;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// A one-silo cluster for validator grains: the shared cluster's SQLite store and grain storage,
/// plus the broadcast channels validators talk through (the embedded profile's transport), on
/// silo and client. Anchor nodes seal only when told.
/// </summary>
public class ConsensusClusterFixture : IAsyncLifetime
{
    /// <summary>Poll period of the memory streams of <see cref="StreamConsensusClusterFixture"/>.</summary>
    public static readonly TimeSpan StreamPollPeriod = TimeSpan.FromMilliseconds(10);

    private readonly bool _streams;

    public ConsensusClusterFixture()
        : this(streams: false)
    {
    }

    /// <summary>A cluster whose validators talk through memory streams (polled) instead of broadcast channels.</summary>
    protected ConsensusClusterFixture(bool streams) => _streams = streams;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "smartgrid.db");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddSmartGrid(o =>
            {
                o.TrustAnchor = ClusterFixture.Root.PublicKey;
                o.AnchorSealInterval = TimeSpan.Zero;
            })
            .AddSqliteLedger(o =>
            {
                o.Path = DatabasePath;
                o.FlushEachCommit = false;
            })
            .AddValidatorTransport(_streams)
            .ConfigureServices(ConfigureServices));
        builder.ConfigureClient(client => _ = _streams ? client.AddMemoryStreams(ValidatorStreams.ProviderName) : client.AddBroadcastChannel(ValidatorStreams.ProviderName));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Services a derived fixture adds to (or replaces in) the silo, after the shared ones.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        ClusterFixture.DeleteDirectory(DataDirectory);
    }

    /// <summary>Runs <paramref name="action"/> on a read-only view of the silo's database, as an offline auditor would.</summary>
    public async Task<T> OfflineAsync<T>(Func<SqliteLedgerStore, Task<T>> action)
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath, ReadOnly = true });
        return await action(new SqliteLedgerStore(database));
    }

    /// <summary>An offline audit of everything stored, checking commit certificates against the validator sets stored with the deployment.</summary>
    public Task<AuditReport> AuditAsync() => OfflineAsync(async store =>
    {
        var sets = await StoredValidatorSets.LoadAsync(store, store, ClusterFixture.Root.PublicKey);
        sets.Problems.Should().BeEmpty();
        return await new LedgerAuditor(store, store, ClusterFixture.Root.PublicKey, commits: new AnchorCommitVerifier(sets.Sets)).AuditAsync();
    });
}

/// <summary>The same cluster with validators on memory streams polled every <see cref="ConsensusClusterFixture.StreamPollPeriod"/>.</summary>
public sealed class StreamConsensusClusterFixture : ConsensusClusterFixture
{
    public StreamConsensusClusterFixture()
        : base(streams: true)
    {
    }
}

internal static class ValidatorTransportRegistration
{
    public static ISiloBuilder AddValidatorTransport(this ISiloBuilder silo, bool streams) => streams
        ? silo.AddMemoryStreams(ValidatorStreams.ProviderName, s => s.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = ConsensusClusterFixture.StreamPollPeriod)))
        : silo.AddValidatorChannels();
}
