using System.Collections.Immutable;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Ledger.Merkle;

/// <summary>
/// Merkle tree hashing as in RFC 6962 / RFC 9162 §2.1: a leaf is <c>SHA-256(0x00 || data)</c>,
/// an inner node <c>SHA-256(0x01 || left || right)</c>, and a tree of n leaves splits at the
/// largest power of two below n. The prefixes keep a leaf from ever passing for a node.
/// </summary>
public static class MerkleTree
{
    /// <summary>Domain prefix of leaf hashes.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>Domain prefix of inner-node hashes.</summary>
    public const byte NodePrefix = 0x01;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static Hash256 EmptyRoot { get; } = Hash256.Compute([]);

    /// <summary>The leaf hash of some data: <c>SHA-256(0x00 || data)</c>.</summary>
    public static Hash256 HashLeaf(ReadOnlySpan<byte> data) => Hash256.Compute(LeafPrefix, data);

    /// <summary>The hash of an inner node: <c>SHA-256(0x01 || left || right)</c>.</summary>
    public static Hash256 HashNode(in Hash256 left, in Hash256 right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash256.Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Hash256.Size)..]);
        return Hash256.Compute(buffer);
    }

    /// <summary>The root over the given leaf hashes (already hashed with <see cref="HashLeaf"/>).</summary>
    public static Hash256 ComputeRoot(ReadOnlySpan<Hash256> leafHashes)
    {
        if (leafHashes.IsEmpty)
        {
            return EmptyRoot;
        }

        // Bottom-up pairing, carrying an odd last node up unchanged, builds exactly the
        // RFC 6962 tree (split at the largest power of two below n).
        var level = leafHashes.ToArray();
        var count = level.Length;
        while (count > 1)
        {
            var next = 0;
            for (var i = 0; i + 1 < count; i += 2)
            {
                level[next++] = HashNode(level[i], level[i + 1]);
            }

            if ((count & 1) == 1)
            {
                level[next++] = level[count - 1];
            }

            count = next;
        }

        return level[0];
    }

    /// <summary>The inclusion proof (audit path, RFC 9162 §2.1.3.1) of leaf <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not that of a leaf.</exception>
    public static MerkleProof CreateProof(ReadOnlySpan<Hash256> leafHashes, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Length);
        var path = ImmutableArray.CreateBuilder<Hash256>();
        AppendPath(leafHashes, index, path);
        return new MerkleProof(index, leafHashes.Length, path.ToImmutable());
    }

    /// <summary>Largest power of two strictly less than <paramref name="n"/> (n &gt; 1).</summary>
    internal static long SplitPoint(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    // PATH(m, D[n]) of RFC 9162, emitted leaf-first (the order verification consumes it).
    private static void AppendPath(ReadOnlySpan<Hash256> leaves, int index, ImmutableArray<Hash256>.Builder path)
    {
        if (leaves.Length <= 1)
        {
            return;
        }

        var k = (int)SplitPoint(leaves.Length);
        if (index < k)
        {
            AppendPath(leaves[..k], index, path);
            path.Add(ComputeRoot(leaves[k..]));
        }
        else
        {
            AppendPath(leaves[k..], index - k, path);
            path.Add(ComputeRoot(leaves[..k]));
        }
    }
}
