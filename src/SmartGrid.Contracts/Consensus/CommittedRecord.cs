using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Consensus;

/// <summary>One committed block as a validator stored it.</summary>
/// <param name="Height">Height of the block (from 1).</param>
/// <param name="BlockId">The block id (SHA-256 of its header).</param>
/// <param name="Record">The stored bytes: a commit announcement (record 0x27 of docs/POEF.md: header, payload, commit certificate).</param>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.consensus.committed-record")]
public sealed record CommittedRecord([property: Id(0)] ulong Height, [property: Id(1)] Hash256 BlockId, [property: Id(2)] byte[] Record);
