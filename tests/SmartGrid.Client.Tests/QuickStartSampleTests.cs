using SmartGrid.Samples.QuickStart;

namespace SmartGrid.Client.Tests;

public sealed class QuickStartSampleTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task The_quick_start_sample_runs_twice_and_leaves_a_valid_chain()
    {
        await using var client = await SmartGridClient.ConnectAsync(new SmartGridClientOptions { GatewayPort = silo.GatewayPort });
        var output = new StringWriter();

        var first = await MeterQuickStart.RunAsync(client, silo.Root.Key, output);
        var second = await MeterQuickStart.RunAsync(client, silo.Root.Key, output);

        first.IsValid.Should().BeTrue(output.ToString());
        second.IsValid.Should().BeTrue(output.ToString());
        second.BlocksChecked.Should().Be(2);
        second.ReadingsChecked.Should().Be(8);
        output.ToString().Should().Contain("submit: accepted at 0").And.Contain("submit: accepted at 1");
    }
}
