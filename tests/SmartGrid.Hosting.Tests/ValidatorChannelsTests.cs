using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.BroadcastChannel;

namespace SmartGrid.Hosting.Tests;

public sealed class ValidatorChannelsTests
{
    [Fact]
    public void Validator_channels_deliver_without_waiting_for_the_receiver_whatever_else_configures_them()
    {
        // Validators publish inside their own turns: an awaited delivery between two of them would
        // wait for the response timeout (docs/POEF.md §12.1), so a configuration asking for it loses.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddValidatorChannels());
        builder.Services.Configure<BroadcastChannelOptions>(SmartGridSiloBuilderExtensions.StreamProvider, o => o.FireAndForgetDelivery = false);
        using var host = builder.Build();

        host.Services.GetRequiredService<IOptionsMonitor<BroadcastChannelOptions>>().Get(SmartGridSiloBuilderExtensions.StreamProvider)
            .FireAndForgetDelivery.Should().BeTrue();
        host.Services.GetKeyedService<IBroadcastChannelProvider>(SmartGridSiloBuilderExtensions.StreamProvider).Should().NotBeNull("validators find their transport under this name");
    }
}
