using System.Collections.Immutable;
using SmartGrid.Contracts.Meters;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Grains;

/// <summary>Reads a page of a chain as stored, for the grains that answer <c>GetStoredBlocksAsync</c>.</summary>
internal static class StoredBlockReader
{
    /// <summary>
    /// Up to <paramref name="maxCount"/> records of <paramref name="chain"/> from
    /// <paramref name="fromHeight"/> on, undecoded (nothing is skipped); none when
    /// <paramref name="chain"/> is null (a grain whose key is not a device id).
    /// </summary>
    public static async Task<ImmutableArray<StoredBlock>> ReadAsync(ILedgerStore ledger, ChainId? chain, long fromHeight, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var blocks = ImmutableArray.CreateBuilder<StoredBlock>(maxCount);
        if (chain is { } id)
        {
            await foreach (var entry in ledger.ReadAsync(id, fromHeight))
            {
                if (blocks.Count == maxCount)
                {
                    break;
                }

                blocks.Add(new StoredBlock { Height = entry.Height, Bytes = entry.Bytes.ToArray() });
            }
        }

        return blocks.ToImmutable();
    }
}
