using SmartGrid.Samples.QuickStart;

namespace SmartGrid.Client.Tests;

public sealed class QuickStartSampleTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task The_quick_start_sample_uploads_what_is_new_each_run_and_leaves_a_valid_chain()
    {
        await using var client = await SmartGridClient.ConnectAsync(new SmartGridClientOptions { GatewayPort = silo.GatewayPort });
        var output = new StringWriter();
        var deviceKey = Path.Combine(silo.DataDirectory, "MTR-quickstart.key");
        var now = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(-3).AddMinutes(7);

        var first = await MeterQuickStart.RunAsync(client, silo.Root.Key, deviceKey, output, now);
        var sameQuarter = await MeterQuickStart.RunAsync(client, silo.Root.Key, deviceKey, output, now.AddMinutes(5));
        var later = await MeterQuickStart.RunAsync(client, silo.Root.Key, deviceKey, output, now.AddMinutes(35));

        first.IsValid.Should().BeTrue(output.ToString());
        sameQuarter.BlocksChecked.Should().Be(1);
        later.IsValid.Should().BeTrue(output.ToString());
        later.BlocksChecked.Should().Be(2);
        later.ReadingsChecked.Should().Be(6, "four readings, then the two quarter-hours that ended in between");
        output.ToString().Should().Contain("provision: Accepted").And.Contain("provision: AlreadyKnown").And.Contain("no new quarter-hour");
    }
}
