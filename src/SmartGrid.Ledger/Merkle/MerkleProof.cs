using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Ledger.Merkle;

/// <summary>
/// An inclusion proof: the sibling hashes from a leaf up to the root of a tree of
/// <see cref="TreeSize"/> leaves. Anyone can check it offline with <see cref="Verify"/>.
/// </summary>
/// <param name="LeafIndex">Zero-based index of the leaf.</param>
/// <param name="TreeSize">Number of leaves in the tree.</param>
/// <param name="Path">Sibling hashes, leaf level first.</param>
public sealed record MerkleProof(long LeafIndex, long TreeSize, ImmutableArray<Hash256> Path)
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Longest path accepted when decoding (a tree of 2^63 leaves needs 63).</summary>
    public const int MaxPathLength = 64;

    /// <summary>
    /// Recomputes the root from a leaf hash (RFC 9162 §2.1.3.2), or returns null when the path
    /// does not fit the index and size (too long, too short, index out of range).
    /// </summary>
    public Hash256? ComputeRoot(in Hash256 leafHash)
    {
        if (LeafIndex < 0 || LeafIndex >= TreeSize || Path.IsDefault)
        {
            return null;
        }

        var fn = LeafIndex;
        var sn = TreeSize - 1;
        var r = leafHash;
        foreach (var p in Path)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.HashNode(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleTree.HashNode(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    /// <summary>Whether this proof shows <paramref name="leafHash"/> at <see cref="LeafIndex"/> under <paramref name="root"/>.</summary>
    public bool Verify(in Hash256 leafHash, in Hash256 root) => ComputeRoot(leafHash) is { } computed && computed == root;

    /// <summary>
    /// Whether this proof shows the leaf <em>data</em> <paramref name="leafData"/> (hashed here as a
    /// leaf, so an inner node can never be passed off as one) under <paramref name="root"/>. The
    /// tree size is part of what the root commits to: take root and size from the same signed head.
    /// </summary>
    public bool VerifyLeaf(ReadOnlySpan<byte> leafData, in Hash256 root) => Verify(MerkleTree.HashLeaf(leafData), root);

    /// <summary>Writes the canonical encoding.</summary>
    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteHeader(RecordType.MerkleProof, FormatVersion);
        writer.WriteVarUInt64((ulong)LeafIndex);
        writer.WriteVarUInt64((ulong)TreeSize);
        writer.WriteVarUInt64((ulong)Path.Length);
        foreach (var hash in Path)
        {
            writer.WriteBytes(hash.Span);
        }
    }

    /// <summary>Reads a proof written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a canonical proof.</exception>
    public static MerkleProof ReadFrom(ref CanonicalReader reader)
    {
        reader.ReadHeader(RecordType.MerkleProof, FormatVersion);
        var at = reader.Position;
        var index = reader.ReadVarUInt64();
        var size = reader.ReadVarUInt64();
        if (size == 0 || index >= size || size > long.MaxValue)
        {
            throw new LedgerFormatException($"leaf index {index} does not fit a tree of {size} leaves", at);
        }

        var count = reader.ReadVarCount(0, MaxPathLength, "Merkle path length");
        var path = ImmutableArray.CreateBuilder<Hash256>(count);
        for (var i = 0; i < count; i++)
        {
            path.Add(new Hash256(reader.ReadBytes(Hash256.Size)));
        }

        return new MerkleProof((long)index, (long)size, path.MoveToImmutable());
    }

    /// <summary>The canonical encoding as a new array.</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter(8 + (Path.Length * Hash256.Size));
        WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Decodes a whole byte string as one proof.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical proof.</exception>
    public static MerkleProof Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var proof = ReadFrom(ref reader);
        reader.EnsureEnd("Merkle proof");
        return proof;
    }

    /// <inheritdoc />
    public bool Equals(MerkleProof? other) =>
        other is not null && LeafIndex == other.LeafIndex && TreeSize == other.TreeSize && Path.AsSpan().SequenceEqual(other.Path.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(LeafIndex, TreeSize, Path.Length);
}
