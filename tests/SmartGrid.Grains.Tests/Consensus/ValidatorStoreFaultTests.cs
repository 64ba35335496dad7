using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Consensus;
using SmartGrid.Hosting.Storage;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains.Tests.Consensus;

/// <summary>
/// A validator whose store fails while it records a commit: its engine had already moved past the
/// height, so the activation is dropped and the validator resumes from what is stored, catches up
/// from its peers, and keeps a complete chain. Without that, the engine went on committing heights
/// its store could no longer take (every later append a height conflict).
/// </summary>
[Collection(ConsensusClusters.Name)]
public sealed class ValidatorStoreFaultTests(FaultyStoreConsensusClusterFixture fixture) : IClassFixture<FaultyStoreConsensusClusterFixture>
{
    [Fact]
    public async Task A_validator_whose_commit_append_fails_resumes_from_its_store_and_keeps_every_height()
    {
        var chain = await TestSubstationChain.ProvisionAsync(fixture.Client);
        await chain.EnrollAsync();
        var victim = chain.Set[1].Id;
        var faults = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<FaultyLedgerStore>();
        var victimChain = ValidatorChains.Of(chain.Set.Id, victim)!.Value;
        faults.FailOnce(victimChain, height: 2); // the record of consensus height 3

        for (var height = 1; height <= 6; height++)
        {
            await chain.IntervalAsync();
            await chain.WaitStoredAsync(height);
        }

        await chain.WaitCommittedAsync(6);
        faults.Failed.Should().Equal([(victimChain, 2L)], "the fault was injected once, into the victim's record of height 3");
        (await chain.Grains[1].GetStatusAsync()).Resumptions.Should().BeGreaterThanOrEqualTo(1, "the victim was rebuilt from its store after the failed append");
        await TestWait.UntilAsync(async () => (await chain.Grains[1].GetCommittedAsync(1, 256)).Count >= 6, "the victim stores every height it committed");
        chain.ShouldAgree(await chain.ChainsAsync(), 6);
        var audit = await fixture.AuditAsync();
        audit.IsClean.Should().BeTrue(string.Join("; ", audit.DefectiveChains.Select(c => $"{c.Chain}: {c.Report.FirstDefect}")));
    }

    [Fact]
    public async Task A_backlog_whose_first_block_another_activation_stored_is_answered_block_by_block()
    {
        var device = new TestDevice(ClusterFixture.Root, "MTR-" + Guid.NewGuid().ToString("N")[..12], TestSubstationChain.Start);
        var meter = fixture.Client.GetGrain<IMeterGrain>(device.Id.Value);
        (await meter.ProvisionAsync(device.Certificate)).Outcome.Should().Be(ProvisionOutcome.Accepted);
        var (a, b, c) = (device.NextBlock(), device.NextBlock(), device.NextBlock());
        var faults = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<FaultyLedgerStore>();
        faults.InterleaveOnce(ChainId.Meter(device.Id), 0, a.Encoded);

        var results = await meter.IngestManyAsync([a, b, c]);

        results.Select(r => (r.Accepted, r.Reason, r.Height)).Should().Equal(
            [(false, DefectKind.Duplicate, 1L), (true, null, 1L), (true, null, 2L)],
            "the run's append conflicted: the head was reloaded, the stored block is a duplicate and the rest extend it");
        results[^1].Head.Should().Be(c.Hash);
        (await meter.GetHeadAsync()).Height.Should().Be(3);
        (await meter.GetStatusAsync()).Rejections.Should().BeEquivalentTo(new Dictionary<DefectKind, long> { [DefectKind.Duplicate] = 1 });
        var report = await meter.VerifyAsync();
        report.Defects.Should().BeEmpty();
        report.BlocksChecked.Should().Be(3);
    }
}

/// <summary>The consensus cluster with its ledger store behind <see cref="FaultyLedgerStore"/>.</summary>
public sealed class FaultyStoreConsensusClusterFixture : ConsensusClusterFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(sp => new FaultyLedgerStore(sp.GetRequiredService<SqliteLedgerStore>()));
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<FaultyLedgerStore>());
    }
}

/// <summary>A ledger store that fails chosen appends once, with the I/O error a full disk would give.</summary>
public sealed class FaultyLedgerStore(ILedgerStore inner) : DelegatingLedgerStore(inner)
{
    private readonly ConcurrentDictionary<(ChainId Chain, long Height), bool> _armed = new();
    private readonly ConcurrentQueue<(ChainId, long)> _failed = new();
    private readonly ConcurrentDictionary<(ChainId Chain, long Height), ReadOnlyMemory<byte>> _interleaved = new();

    /// <summary>The appends that were failed, in order.</summary>
    public IReadOnlyList<(ChainId Chain, long Height)> Failed => [.. _failed];

    /// <summary>Fails the next append to <paramref name="chain"/> at <paramref name="height"/>, once.</summary>
    public void FailOnce(ChainId chain, long height) => _armed[(chain, height)] = true;

    public override ValueTask AppendAsync(ChainId chain, long height, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        AppendManyAsync(chain, height, [record], cancellationToken);

    /// <summary>
    /// Before the next append to <paramref name="chain"/> at <paramref name="height"/>, stores
    /// <paramref name="record"/> there first, as a second activation of the same grain would.
    /// </summary>
    public void InterleaveOnce(ChainId chain, long height, ReadOnlyMemory<byte> record) => _interleaved[(chain, height)] = record;

    public override async ValueTask AppendManyAsync(ChainId chain, long firstHeight, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_interleaved.TryRemove((chain, firstHeight), out var other))
        {
            await Inner.AppendAsync(chain, firstHeight, other, cancellationToken);
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (_armed.TryRemove((chain, firstHeight + i), out _))
            {
                _failed.Enqueue((chain, firstHeight + i));
                throw new IOException($"injected: the disk is full (chain {chain}, height {firstHeight + i})");
            }
        }

        await Inner.AppendManyAsync(chain, firstHeight, records, cancellationToken);
    }
}
