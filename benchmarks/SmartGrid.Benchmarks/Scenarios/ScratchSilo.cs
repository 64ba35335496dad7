using Microsoft.Extensions.Hosting;
using SmartGrid.Hosting.Embedded;

namespace SmartGrid.Benchmarks.Scenarios;

/// <summary>An embedded silo on a fresh data folder, deleted afterwards, trusting the benchmark root.</summary>
public sealed class ScratchSilo : IAsyncDisposable
{
    private ScratchSilo(string directory, IHost host)
    {
        Directory = directory;
        Host = host;
    }

    public string Directory { get; }

    public IHost Host { get; }

    public string DatabasePath => Path.Combine(Directory, EmbeddedProfileOptions.DatabaseFileName);

    public static async Task<ScratchSilo> StartAsync(bool flushEachCommit)
    {
        var directory = Path.Combine(Path.GetTempPath(), "smartgrid-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        KeyFileRoot(directory);
        var host = await EmbeddedSilo.StartAsync(new EmbeddedProfileOptions
        {
            DataDirectory = directory,
            SiloPort = 21_111,
            GatewayPort = 40_000,
            FlushEachCommit = flushEachCommit,
        });
        return new ScratchSilo(directory, host);
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
