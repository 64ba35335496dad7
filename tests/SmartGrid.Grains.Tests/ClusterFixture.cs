using Orleans.TestingHost;
using SmartGrid.Hosting;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Grains.Tests;

/// <summary>One in-process silo on an embedded SQLite store in a fresh folder, shared by a test collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static CertificateAuthority Root { get; } = new(DeviceId.Parse("test-root"), SigningKeyPair.Derive("grain-tests"u8, "root"));

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "smartgrid.db");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = CreateCluster(DatabasePath, pageSize: 4);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        DeleteDirectory(DataDirectory);
    }

    /// <summary>A one-silo cluster whose store lives at <paramref name="databasePath"/>.</summary>
    public static InProcessTestCluster CreateCluster(string databasePath, int pageSize, Action<Options.LedgerOptions>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .AddSmartGrid(o =>
            {
                o.TrustAnchor = Root.PublicKey;
                configure?.Invoke(o);
            })
            .AddSqliteLedger(o =>
            {
                o.Path = databasePath;
                o.PageSize = pageSize;
                o.FlushEachCommit = false;
            }));
        return builder.Build();
    }

    public static void DeleteDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
