using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartGrid.Hosting;
using SmartGrid.Hosting.Embedded;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>An embedded silo on a fresh data folder, deleted afterwards, trusting the benchmark root.</summary>
public sealed class ScratchSilo : IAsyncDisposable
{
    private ScratchSilo(string directory, IHost host, int gatewayPort)
    {
        GatewayPort = gatewayPort;
        Directory = directory;
        Host = host;
    }

    public string Directory { get; }

    public IHost Host { get; }

    public int GatewayPort { get; }

    public string DatabasePath => Path.Combine(Directory, EmbeddedProfileOptions.DatabaseFileName);

    public static async Task<ScratchSilo> StartAsync(bool flushEachCommit, bool inMemory = false, bool analytics = true, TimeSpan? groupCommitWindow = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "smartgrid-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        KeyFileRoot(directory);
        var profile = new EmbeddedProfileOptions
        {
            DataDirectory = directory,
            SiloPort = 21_111,
            GatewayPort = 40_000,
            FlushEachCommit = flushEachCommit,
        };
        if (groupCommitWindow is { } window)
        {
            profile.GroupCommitWindow = window;
        }

        void Analytics(SmartGrid.Grains.Options.LedgerOptions o) => (o.AreaAnalytics, o.HouseholdAnalytics) = (analytics, analytics);
        var host = inMemory ? await StartInMemoryAsync(profile, Analytics) : await EmbeddedSilo.StartAsync(profile, null, Analytics);
        return new ScratchSilo(directory, host, profile.GatewayPort);
    }

    // The embedded profile with the ledger in process memory: isolates the store's cost.
    private static async Task<IHost> StartInMemoryAsync(EmbeddedProfileOptions profile, Action<SmartGrid.Grains.Options.LedgerOptions> ledger)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var store = new SmartGrid.Ledger.Storage.InMemoryLedgerStore();
        builder.Services.AddSingleton<SmartGrid.Ledger.Storage.ILedgerStore>(store);
        builder.Services.AddSingleton<SmartGrid.Ledger.Storage.IPkiStore>(store);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(profile.SiloPort, profile.GatewayPort)
            .AddMemoryGrainStorage(SmartGrid.Grains.StorageNames.GrainState)
            .AddSmartGrid(o =>
            {
                o.TrustAnchor = SampleBlocks.Root.PublicKey;
                ledger(o);
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    // The silo trusts whatever root.key/root.pub the folder holds: give it the benchmark root.
    private static void KeyFileRoot(string directory)
    {
        SmartGrid.Ledger.Crypto.KeyFile.WritePrivateKey(Path.Combine(directory, UtilityRootFiles.PrivateKeyFile), SampleBlocks.Root.Key);
        SmartGrid.Ledger.Crypto.KeyFile.WritePublicKey(Path.Combine(directory, UtilityRootFiles.PublicKeyFile), SampleBlocks.Root.PublicKey);
    }
}
