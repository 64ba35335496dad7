using SmartGrid.Grains.Analytics;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests.Analytics;

/// <summary>The screening's reads of stored chains, without a silo: windows, register steps, and chains that cannot be used.</summary>
public sealed class StoredScreeningDataTests
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-10);

    // A meter with 5 blocks of 4 quarter-hours each; TestDevice's register rises 100, 101, 102, 103 Wh per block.
    private static async Task<(InMemoryLedgerStore Store, TestDevice Meter, List<MeterBlock> Blocks)> ChainAsync(int blocks = 5)
    {
        var store = new InMemoryLedgerStore();
        var meter = new TestDevice(ClusterFixture.Root, "MTR-SCREEN", Start.AddHours(-1));
        var stored = new List<MeterBlock>();
        for (var h = 0; h < blocks; h++)
        {
            var block = meter.NextBlock();
            await store.AppendAsync(ChainId.Meter(meter.Id), h, block.Encoded);
            stored.Add(block);
        }

        return (store, meter, stored);
    }

    [Fact]
    public async Task A_window_starting_mid_chain_takes_its_first_step_from_the_register_of_the_block_before_it()
    {
        var (store, meter, _) = await ChainAsync();
        var window = new StoredScreeningData.Window(Start, 1, TimeSpan.FromMinutes(15));

        var days = await StoredScreeningData.ReadMeterAsync(store, meter.Id, window);

        // Block 0 covers the hour before the window; blocks 1-4 fill its first 16 slots.
        days.Should().HaveCount(1);
        days[0].Take(16).Should().Equal(Enumerable.Repeat(new[] { 0.100, 0.101, 0.102, 0.103 }, 4).SelectMany(x => x));
        days[0].Skip(16).Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public async Task A_chain_with_a_block_that_does_not_link_or_decode_or_of_another_interval_is_named()
    {
        var (store, meter, blocks) = await ChainAsync(3);
        var stranger = new TestDevice(ClusterFixture.Root, "MTR-SCREEN", meter.Clock);
        await store.AppendAsync(ChainId.Meter(meter.Id), 3, stranger.NextBlock().Encoded);
        var window = new StoredScreeningData.Window(Start, 1, TimeSpan.FromMinutes(15));

        var broken = () => StoredScreeningData.ReadMeterAsync(store, meter.Id, window);
        await broken.Should().ThrowAsync<StoredScreeningData.UnusableChainException>().WithMessage($"meter/MTR-SCREEN block 3 does not link to block 2");

        var garbage = new InMemoryLedgerStore();
        await garbage.AppendAsync(ChainId.Meter(meter.Id), 0, blocks[0].Encoded);
        await garbage.AppendAsync(ChainId.Meter(meter.Id), 1, new byte[] { 1, 2, 3 });
        var undecodable = () => StoredScreeningData.ReadMeterAsync(garbage, meter.Id, window);
        await undecodable.Should().ThrowAsync<StoredScreeningData.UnusableChainException>().WithMessage("meter/MTR-SCREEN block 1 does not decode*");

        var hourly = () => StoredScreeningData.ReadMeterAsync(store, meter.Id, window with { Interval = TimeSpan.FromHours(1) });
        await hourly.Should().ThrowAsync<StoredScreeningData.UnusableChainException>().WithMessage("*readings of 15 min; the model scores days of 24 readings of 60 min");
    }

    [Fact]
    public async Task A_meter_without_a_chain_reads_as_empty_days()
    {
        var days = await StoredScreeningData.ReadMeterAsync(new InMemoryLedgerStore(), Ledger.Identity.DeviceId.Parse("MTR-NONE"), new StoredScreeningData.Window(Start, 3, TimeSpan.FromHours(1)));

        days.Should().HaveCount(3).And.OnlyContain(d => d.Length == 24 && d.All(v => v == 0));
    }
}
