using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Storage;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// Checks that anchors name blocks a ledger store holds: for each, the child's chain has a block at
/// the anchored sequence whose hash is the anchored head. What the audit checks after the fact, a
/// validator checks before it votes for a block that would anchor them.
/// </summary>
public static class AnchoredHeads
{
    /// <summary>Why one of <paramref name="anchors"/> does not name a stored block with exactly its hash, or null when each does.</summary>
    public static async ValueTask<string?> DefectAsync(ILedgerStore store, IEnumerable<Anchor> anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(anchors);
        foreach (var anchor in anchors)
        {
            var chain = new ChainId(anchor.ChildRole, anchor.Child);
            if (anchor.Sequence > long.MaxValue)
            {
                return $"{chain} has no block {anchor.Sequence}";
            }

            LedgerEntry? found = null;
            await foreach (var entry in store.ReadAsync(chain, (long)anchor.Sequence, cancellationToken).ConfigureAwait(false))
            {
                found = entry;
                break;
            }

            if (found is not { } stored || stored.Height != (long)anchor.Sequence)
            {
                return $"{chain} block {anchor.Sequence} ({anchor.Head.ToShortString()}) is not in the store";
            }

            Hash256 hash;
            try
            {
                hash = ChainVerifier.Decode(anchor.ChildRole, stored.Bytes.Span).Hash;
            }
            catch (LedgerFormatException ex)
            {
                return $"{chain} block {anchor.Sequence} does not decode: {ex.Message}";
            }

            if (hash != anchor.Head)
            {
                return $"{chain} block {anchor.Sequence} hashes to {hash.ToShortString()}, not to the anchored {anchor.Head.ToShortString()}";
            }
        }

        return null;
    }
}
