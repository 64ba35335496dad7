using Orleans.TestingHost;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests.Tiers;

/// <summary>A silo of its own for the hierarchy tests, sealing only when told, on a database the tests also read offline.</summary>
public sealed class TierClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "smartgrid.db");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = ClusterFixture.CreateCluster(DatabasePath, pageSize: 4, o => o.AnchorSealInterval = TimeSpan.Zero);
        await Cluster.DeployAsync();
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

    /// <summary>An offline audit of everything stored.</summary>
    public Task<AuditReport> AuditAsync() => OfflineAsync(store => new LedgerAuditor(store, store, ClusterFixture.Root.PublicKey).AuditAsync());
}
