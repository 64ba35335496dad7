using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;

namespace SmartGrid.Grains.Tests.Meters;

[Collection(ClusterCollection.Name)]
public sealed class MeterIngressGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    private IMeterIngressGrain Ingress => fixture.Client.GetGrain<IMeterIngressGrain>(0);

    private async Task<TestDevice[]> ProvisionedAsync(int count)
    {
        var devices = Enumerable.Range(0, count).Select(_ => new TestDevice(ClusterFixture.Root, "MTR-" + Guid.NewGuid().ToString("N")[..12], Start)).ToArray();
        foreach (var device in devices)
        {
            (await Meter(device).ProvisionAsync(device.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        }

        return devices;
    }

    private IMeterGrain Meter(TestDevice device) => fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);

    [Fact]
    public async Task A_batch_appends_each_meters_block_and_answers_in_the_batchs_order()
    {
        var devices = await ProvisionedAsync(4);
        (await Meter(devices[2]).IngestAsync(devices[2].NextBlock())).Accepted.Should().BeTrue();

        var results = await Ingress.IngestAsync([.. devices.Select(d => d.NextBlock())]);

        results.Select(r => (r.Accepted, r.Height, r.Head)).Should().Equal(devices.Select(d => (true, d == devices[2] ? 1L : 0L, d.Head)));
        foreach (var device in devices)
        {
            (await Meter(device).GetHeadAsync()).Hash.Should().Be(device.Head);
        }
    }

    [Fact]
    public async Task A_bad_block_in_a_batch_is_rejected_alone_and_the_others_stay_appended()
    {
        var devices = await ProvisionedAsync(3);
        var first = devices[0].NextBlock();
        var honest = devices[1].NextBlock();
        var forged = MeterBlock.Create(honest.MeterId, honest.Sequence, honest.KeySerial, honest.Previous, honest.Timestamp, honest.Profile, SigningKeyPair.Derive("attacker"u8, "key"));
        var last = devices[2].NextBlock();

        var results = await Ingress.IngestAsync([first, forged, last]);

        results.Should().HaveCount(3);
        results[0].Should().BeEquivalentTo(new { Accepted = true, Height = 0L, Head = first.Hash });
        results[1].Should().BeEquivalentTo(new { Accepted = false, Height = 0L, Reason = DefectKind.BadSignature });
        results[2].Should().BeEquivalentTo(new { Accepted = true, Height = 0L, Head = last.Hash });
        (await Meter(devices[0]).GetHeadAsync()).Height.Should().Be(1);
        (await Meter(devices[1]).GetHeadAsync()).Height.Should().Be(0);
        (await Meter(devices[2]).GetHeadAsync()).Height.Should().Be(1);
        (await Meter(devices[1]).GetStatusAsync()).Rejections.Should().Equal(new Dictionary<DefectKind, long> { [DefectKind.BadSignature] = 1 });
    }

    [Fact]
    public async Task A_batched_rejection_is_the_one_single_ingest_gives()
    {
        var devices = await ProvisionedAsync(2);
        var sent = devices[0].NextBlock();
        devices[0].NextBlock();
        var gapped = devices[0].NextBlock();
        (await Meter(devices[0]).IngestAsync(sent)).Accepted.Should().BeTrue();
        var single = await Meter(devices[0]).IngestAsync(gapped);

        var batched = await Ingress.IngestAsync([gapped, devices[1].NextBlock()]);

        batched[0].Should().Be(single);
        batched[1].Accepted.Should().BeTrue();
    }

    [Fact]
    public async Task Resending_a_batch_answers_duplicate_and_changes_nothing()
    {
        var devices = await ProvisionedAsync(2);
        var blocks = devices.Select(d => d.NextBlock()).ToArray();
        (await Ingress.IngestAsync([.. blocks])).Should().OnlyContain(r => r.Accepted);

        var again = await Ingress.IngestAsync([.. blocks]);

        again.Select(r => r.Reason).Should().Equal(DefectKind.Duplicate, DefectKind.Duplicate);
        again.Should().OnlyContain(r => r.IsOnChain);
        (await Meter(devices[0]).GetHeadAsync()).Height.Should().Be(1);
    }

    [Fact]
    public async Task Two_blocks_of_one_meter_refuse_the_whole_batch_before_anything_is_sent()
    {
        var devices = await ProvisionedAsync(2);
        var batch = new[] { devices[0].NextBlock(), devices[1].NextBlock(), devices[0].NextBlock() };

        var refused = () => Ingress.IngestAsync([.. batch]);

        await refused.Should().ThrowAsync<ArgumentException>().WithMessage("*two blocks of meter*");
        (await Meter(devices[0]).GetHeadAsync()).Height.Should().Be(0);
        (await Meter(devices[1]).GetHeadAsync()).Height.Should().Be(0);
    }

    [Fact]
    public async Task An_empty_batch_answers_nothing()
    {
        (await Ingress.IngestAsync([])).Should().BeEmpty();
    }
}
