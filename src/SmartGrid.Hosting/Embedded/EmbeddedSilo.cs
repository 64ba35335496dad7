using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartGrid.Grains;
using SmartGrid.Grains.Options;

namespace SmartGrid.Hosting.Embedded;

/// <summary>Starts a silo on the embedded default profile inside the current process.</summary>
public static class EmbeddedSilo
{
    /// <summary>
    /// Builds and starts the silo. Ledger time comes from <paramref name="ledgerTime"/> (the system
    /// clock when null); only errors are logged, to the console.
    /// </summary>
    public static Task<IHost> StartAsync(EmbeddedProfileOptions profile, TimeProvider? ledgerTime = null, CancellationToken cancellationToken = default) =>
        StartAsync(profile, ledgerTime, null, cancellationToken);

    /// <summary>Builds and starts the silo with the ledger options <paramref name="ledger"/> sets (see the overload without it).</summary>
    public static async Task<IHost> StartAsync(EmbeddedProfileOptions profile, TimeProvider? ledgerTime, Action<LedgerOptions>? ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton(new LedgerClock(ledgerTime ?? TimeProvider.System));
        builder.UseOrleans(silo => silo.UseSmartGridEmbedded(profile, ledger));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
