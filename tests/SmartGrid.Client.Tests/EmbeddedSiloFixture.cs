using Microsoft.Extensions.Hosting;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Client.Tests;

/// <summary>A real embedded silo listening on loopback, as a developer's SDK code meets it.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    private IHost _host = null!;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "smartgrid-tests", Guid.NewGuid().ToString("N"));

    public int GatewayPort { get; } = FreePorts.Next();

    public CertificateAuthority Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Root = UtilityRootFiles.LoadOrCreate(DataDirectory);
        _host = await EmbeddedSilo.StartAsync(new EmbeddedProfileOptions
        {
            DataDirectory = DataDirectory,
            SiloPort = FreePorts.Next(),
            GatewayPort = GatewayPort,
            FlushEachCommit = false,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
