namespace SmartGrid.Ledger.Storage;

/// <summary>One stored record of a chain: its height and its canonical bytes, as the store holds them.</summary>
/// <param name="Height">Position in the chain, from 0.</param>
/// <param name="Bytes">The canonical encoding of the block.</param>
public readonly record struct LedgerEntry(long Height, ReadOnlyMemory<byte> Bytes);
