using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// One child chain's head as an anchor block records it: which chain, the sequence number of its
/// head block, and that block's hash. The anchor's canonical bytes are a Merkle leaf of the
/// anchoring block's <see cref="AnchorBlockHeader.AnchorRoot"/>.
/// </summary>
/// <remarks>Leaf layout: <c>child role u8 | child id (len, ASCII) | sequence u64 | hash (32)</c>.</remarks>
/// <param name="ChildRole">Tier of the anchored chain.</param>
/// <param name="Child">The node owning the anchored chain.</param>
/// <param name="Sequence">Sequence number of the anchored head block.</param>
/// <param name="Head">Hash of the anchored head block.</param>
public readonly record struct Anchor(DeviceRole ChildRole, DeviceId Child, ulong Sequence, Hash256 Head)
{
    /// <summary>The anchor of <paramref name="block"/> as the head of its signer's chain of <paramref name="role"/>.</summary>
    public static Anchor Of(DeviceRole role, ISignedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new Anchor(role, block.Signer, block.Sequence, block.Hash);
    }

    /// <summary>The canonical leaf bytes.</summary>
    public byte[] ToLeafBytes()
    {
        var writer = new CanonicalWriter(8 + Child.Value.Length + 8 + Hash256.Size);
        WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>The Merkle leaf hash of this anchor.</summary>
    public Hash256 LeafHash() => MerkleTree.HashLeaf(ToLeafBytes());

    /// <summary>Writes the canonical leaf bytes.</summary>
    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)ChildRole);
        writer.WriteShortAscii(Child.Value);
        writer.WriteUInt64(Sequence);
        writer.WriteBytes(Head.Span);
    }

    /// <summary>Reads one anchor written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a canonical anchor.</exception>
    public static Anchor ReadFrom(ref CanonicalReader reader)
    {
        var roleAt = reader.Position;
        var role = (DeviceRole)reader.ReadByte();
        if (!Enum.IsDefined(role))
        {
            throw new LedgerFormatException($"unknown device role {(byte)role}", roleAt);
        }

        var idAt = reader.Position;
        if (!DeviceId.TryParse(reader.ReadShortAscii(), out var child, out var error))
        {
            throw new LedgerFormatException(error, idAt);
        }

        var sequence = reader.ReadUInt64();
        var head = new Hash256(reader.ReadBytes(Hash256.Size));
        return new Anchor(role, child, sequence, head);
    }

    /// <summary>Merkle root over the leaves of <paramref name="anchors"/>, in the given order.</summary>
    public static Hash256 RootOf(ReadOnlySpan<Anchor> anchors)
    {
        if (anchors.IsEmpty)
        {
            return MerkleTree.EmptyRoot;
        }

        var leaves = new Hash256[anchors.Length];
        for (var i = 0; i < anchors.Length; i++)
        {
            leaves[i] = anchors[i].LeafHash();
        }

        return MerkleTree.ComputeRoot(leaves);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Tier.NameOf(ChildRole)} {Child}#{Sequence} {Head.ToShortString()}";
}
