using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SmartGrid.Contracts.Meters;
using SmartGrid.Grains.Options;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Grains.Meters;

/// <summary>
/// Fans a concentrator's batch of uploads out to the meter grains, concurrently, and answers with
/// their results in the batch's order. Holds nothing: every check and every append is the meter
/// grain's, so a batched block is judged exactly like a single one.
/// </summary>
/// <remarks>
/// Reentrant: a stateless worker has one activation per core, and without reentrancy each took
/// one batch at a time, waiting on its meters' durable appends, so a silo worked on two batches
/// at once however many concentrators were uploading (cores 1.56 of 2 busy, and 1.05 once the
/// store held uploads a moment for a larger commit). Holding nothing, it can interleave them.
/// </remarks>
[StatelessWorker]
[Reentrant]
public sealed class MeterIngressGrain : Grain, IMeterIngressGrain
{
    private readonly int _maxBlocks;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public MeterIngressGrain(IOptions<LedgerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxBlocks = options.Value.MaxBlocksPerIngest;
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<IngestResult>> IngestAsync(ImmutableArray<MeterBlock> blocks)
    {
        if (blocks.IsDefaultOrEmpty)
        {
            return [];
        }

        if (blocks.Length > _maxBlocks)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks.Length, $"at most {_maxBlocks} blocks per call");
        }

        // Checked before any block is sent, so a refused batch changes nothing.
        var meters = new HashSet<DeviceId>(blocks.Length);
        foreach (var block in blocks)
        {
            ArgumentNullException.ThrowIfNull(block, nameof(blocks));
            if (!meters.Add(block.MeterId))
            {
                throw new ArgumentException($"two blocks of meter '{block.MeterId}' in one batch; a meter's backlog goes in order through IMeterGrain.IngestManyAsync", nameof(blocks));
            }
        }

        var pending = new Task<IngestResult>[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            pending[i] = GrainFactory.GetGrain<IMeterGrain>(blocks[i].MeterId.Value).IngestAsync(blocks[i]).AsTask();
        }

        return [.. await Task.WhenAll(pending)];
    }
}
