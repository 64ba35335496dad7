using System.Collections.Immutable;
using SmartGrid.Ledger.Chain;

namespace SmartGrid.Contracts.Meters;

/// <summary>
/// Ingress for a data concentrator's worth of uploads: one call carries one block each for many
/// meters and is answered with one result per block, in the order given, each exactly what
/// <see cref="IMeterGrain.IngestAsync"/> returns for that block (the block goes to its meter's
/// grain, which checks and appends it as always). The caller pays one round trip per batch
/// instead of one per meter. A stateless worker: use key 0.
/// </summary>
[Alias("smartgrid.meters.IMeterIngressGrain")]
public interface IMeterIngressGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Ingests one block for each of several meters. A rejected block is rejected alone: every
    /// other block of the batch is judged on its own and stays appended when accepted. An
    /// exception from one meter (broken infrastructure, never a bad block) fails the call; the
    /// blocks other meters appended stay, and sending them again answers
    /// <see cref="DefectKind.Duplicate"/>.
    /// </summary>
    /// <param name="blocks">At most one block per meter (a meter's backlog goes through
    /// <see cref="IMeterGrain.IngestManyAsync"/>), at most <c>LedgerOptions.MaxBlocksPerIngest</c>.</param>
    /// <exception cref="ArgumentException">Two blocks name the same meter, or the batch is too large.</exception>
    [Alias("ingest-batch")]
    Task<ImmutableArray<IngestResult>> IngestAsync(ImmutableArray<MeterBlock> blocks);
}
