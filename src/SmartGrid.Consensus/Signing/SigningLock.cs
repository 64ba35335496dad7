using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Signing;

/// <summary>The last block a validator precommitted, and where: the lock of docs/POEF.md §7.2 as the signer remembers it.</summary>
/// <param name="Height">Height of the precommit.</param>
/// <param name="Round">Round of the precommit.</param>
/// <param name="BlockId">The block precommitted.</param>
public readonly record struct SigningLock(ulong Height, int Round, Hash256 BlockId);
