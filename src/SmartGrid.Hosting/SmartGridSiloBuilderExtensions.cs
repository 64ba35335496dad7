using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.BroadcastChannel;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SmartGrid.Contracts;
using SmartGrid.Grains;
using SmartGrid.Grains.Meters;
using SmartGrid.Grains.Options;
using SmartGrid.Hosting.Embedded;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Hosting;

/// <summary>Wires SmartGridActors into an Orleans silo.</summary>
public static class SmartGridSiloBuilderExtensions
{
    /// <summary>
    /// Name under which validator grains find their transport: a broadcast channel provider (the
    /// embedded profile's, see <see cref="AddValidatorChannels"/>), else a stream provider.
    /// </summary>
    public const string StreamProvider = Grains.Consensus.ValidatorStreams.ProviderName;

    /// <summary>
    /// Registers the broadcast channels validator grains talk through: one channel namespace per
    /// validator set, one inbox per validator, implicitly subscribed, and a message delivered as one
    /// call to each receiver, never awaited by the sender (push, not polled queues; docs/POEF.md
    /// §12.1; fire-and-forget delivery is forced, whatever else configures it). A silo without it gives
    /// validators the stream provider registered under <see cref="StreamProvider"/>.
    /// </summary>
    public static ISiloBuilder AddValidatorChannels(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBroadcastChannel(StreamProvider);

        // Validators publish from inside their own turns: a delivery awaited by the sender would
        // wait on a receiver that may be waiting on the sender (until the response timeout).
        builder.Services.PostConfigure<BroadcastChannelOptions>(StreamProvider, o => o.FireAndForgetDelivery = true);
        return builder;
    }

    /// <summary>
    /// Adds what the grains need besides storage: validated <see cref="LedgerOptions"/> (the trust
    /// anchor is required), a <see cref="LedgerClock"/> (the system clock unless one is registered)
    /// and the silo's shared grain references to the tiers (<c>TierReferences</c>).
    /// Calling it again only adds more configuration.
    /// </summary>
    public static ISiloBuilder AddSmartGrid(this ISiloBuilder builder, Action<LedgerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<LedgerOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>());
        builder.Services.TryAddSingleton(new LedgerClock(TimeProvider.System));
        builder.Services.TryAddSingleton<SmartGrid.Grains.Tiers.TierReferences>();
        return builder;
    }

    /// <summary>
    /// Stores ledgers, certificates and grain state in one SQLite file (group commit, WAL, pages).
    /// Registers <see cref="ILedgerStore"/>, <see cref="IPkiStore"/> and the grain storage
    /// provider the grains use (also as the default and the stream pub-sub store).
    /// </summary>
    public static ISiloBuilder AddSqliteLedger(this ISiloBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            return builder;
        }

        var options = new SqliteStoreOptions();
        configure(options);
        services.AddSingleton(_ => new SqliteDatabase(options));
        services.AddSingleton<SqliteLedgerStore>();
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        services.AddSingleton<IPkiStore>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        foreach (var name in new[] { StorageNames.GrainState, "PubSubStore", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME })
        {
            services.AddOptions<SqliteGrainStorageOptions>(name);
            services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
            services.AddGrainStorage(name, static (sp, providerName) => new SqliteGrainStorage(
                sp.GetRequiredService<SqliteDatabase>(),
                sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName),
                sp.GetRequiredService<IActivatorProvider>()));
        }

        return builder;
    }

    /// <summary>
    /// The embedded default profile (DESIGN.md §6): one silo on localhost, durable storage in
    /// <c>smartgrid.db</c> under the data directory, broadcast channels for the validators, and the utility root's
    /// public key (<c>root.pub</c>; created with its private key only in a fresh folder) as trust anchor.
    /// </summary>
    public static ISiloBuilder UseSmartGridEmbedded(this ISiloBuilder builder, Action<EmbeddedProfileOptions>? configure = null, Action<LedgerOptions>? ledger = null)
    {
        var profile = new EmbeddedProfileOptions();
        configure?.Invoke(profile);
        return builder.UseSmartGridEmbedded(profile, ledger);
    }

    /// <summary>The embedded default profile with settings given as an object (see the overload taking a delegate).</summary>
    public static ISiloBuilder UseSmartGridEmbedded(this ISiloBuilder builder, EmbeddedProfileOptions profile, Action<LedgerOptions>? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(profile);
        var trustAnchor = UtilityRootFiles.LoadTrustAnchor(profile.DataDirectory);
        builder.UseLocalhostClustering(profile.SiloPort, profile.GatewayPort, serviceId: ClusterDefaults.ServiceId, clusterId: ClusterDefaults.ClusterId);
        builder.AddSqliteLedger(o =>
        {
            o.Path = profile.DatabasePath;
            o.FlushEachCommit = profile.FlushEachCommit;
            o.GroupCommitWindow = profile.GroupCommitWindow;
        });
        builder.AddValidatorChannels();
        builder.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(MeterGrain).FullName!] = profile.MeterCollectionAge);
        return builder.AddSmartGrid(o =>
        {
            o.TrustAnchor = trustAnchor;
            ledger?.Invoke(o);
        });
    }
}
