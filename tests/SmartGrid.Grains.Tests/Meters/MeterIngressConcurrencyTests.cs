using Microsoft.Extensions.DependencyInjection;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Tests.Consensus;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests.Meters;

/// <summary>
/// The ingress grain takes a batch while others wait on their meters' durable appends. It is a
/// stateless worker, one activation per core; before it was reentrant, each activation took one
/// batch at a time, so a silo worked on as many batches as it had cores however many
/// concentrators were uploading.
/// </summary>
public sealed class MeterIngressConcurrencyTests(GatedStoreClusterFixture fixture) : IClassFixture<GatedStoreClusterFixture>
{
    private static readonly DateTimeOffset Start = TestTime.Midnight(-3);

    [Fact]
    public async Task Batches_from_more_concentrators_than_cores_are_in_flight_together()
    {
        var count = Environment.ProcessorCount + 1;
        var devices = Enumerable.Range(0, count).Select(i => new TestDevice(ClusterFixture.Root, $"MTR-GATE-{i}", Start)).ToArray();
        foreach (var device in devices)
        {
            (await fixture.Client.GetGrain<IMeterGrain>(device.Id.Value).ProvisionAsync(device.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        }

        // No meter append goes ahead until one per batch is waiting: with a batch at a time per
        // activation, the last batch would never reach its append.
        var gate = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<GatedLedgerStore>();
        gate.HoldMeterAppendsUntil(count);
        var ingress = fixture.Client.GetGrain<IMeterIngressGrain>(0);
        var batches = devices.Select(d => ingress.IngestAsync([d.NextBlock()])).ToArray();

        var results = await Task.WhenAll(batches).WaitAsync(TimeSpan.FromSeconds(60));

        results.Should().OnlyContain(r => r.Length == 1 && r[0].Accepted && r[0].Height == 0);
        gate.Released.Should().BeTrue();
    }
}

/// <summary>The consensus cluster (any one-silo cluster would do) with its ledger store behind <see cref="GatedLedgerStore"/>.</summary>
public sealed class GatedStoreClusterFixture : ConsensusClusterFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(sp => new GatedLedgerStore(sp.GetRequiredService<SqliteLedgerStore>()));
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<GatedLedgerStore>());
    }
}

/// <summary>A ledger store that, once armed, holds meter chain appends until a given number of them are waiting.</summary>
public sealed class GatedLedgerStore(ILedgerStore inner) : DelegatingLedgerStore(inner)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _needed = int.MaxValue;
    private int _waiting;
    private volatile bool _armed;

    /// <summary>Whether the held appends were let through because enough of them were waiting.</summary>
    public bool Released => _open.Task.IsCompletedSuccessfully;

    /// <summary>From now on, meter appends wait until <paramref name="count"/> of them are waiting (at most 30 s, then they fail).</summary>
    public void HoldMeterAppendsUntil(int count)
    {
        _needed = count;
        _armed = true;
    }

    public override ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        AppendManyAsync(chain, height, [record], cancellationToken);

    public override async ValueTask AppendManyAsync(ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        if (_armed && chain.Kind == DeviceRole.Meter)
        {
            if (Interlocked.Increment(ref _waiting) >= _needed)
            {
                _open.TrySetResult();
            }

            await _open.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        await Inner.AppendManyAsync(chain, firstHeight, records, cancellationToken);
    }
}
