using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Consensus.Applications;

/// <summary>
/// The payload of a substation block in <see cref="SubstationApplication"/>: the concentrator heads
/// it anchors, at most one per concentrator, sorted by concentrator id.
/// </summary>
/// <remarks>Layout: <c>0x28 01 | count varint | anchor leaf (child role u8 | child id (len, ASCII) | sequence u64 | head 32) × k</c>.</remarks>
public static class AnchorSet
{
    /// <summary>Most anchors one payload may carry.</summary>
    public const int MaxAnchors = Validators.ValidatorSet.MaxValidators;

    /// <summary>The canonical payload of <paramref name="anchors"/>, which must be sorted by child id and name each child once.</summary>
    /// <exception cref="ArgumentException">The anchors are out of order, repeat a child, or are too many.</exception>
    public static byte[] Encode(IReadOnlyList<Anchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count > MaxAnchors)
        {
            throw new ArgumentException($"at most {MaxAnchors} anchors, not {anchors.Count}", nameof(anchors));
        }

        var writer = new CanonicalWriter(16 + (anchors.Count * 64));
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.AnchorSet);
        writer.WriteVarUInt64((ulong)anchors.Count);
        for (var i = 0; i < anchors.Count; i++)
        {
            if (i > 0 && anchors[i - 1].Child.CompareTo(anchors[i].Child) >= 0)
            {
                throw new ArgumentException($"anchor of '{anchors[i].Child}' is out of order or repeated", nameof(anchors));
            }

            anchors[i].WriteTo(writer);
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a payload written by <see cref="Encode"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical anchor set.</exception>
    public static ImmutableArray<Anchor> Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.AnchorSet);
        var countAt = reader.Position;
        var count = reader.ReadVarUInt64();
        if (count > MaxAnchors)
        {
            throw new LedgerFormatException($"at most {MaxAnchors} anchors, not {count}", countAt);
        }

        var anchors = ImmutableArray.CreateBuilder<Anchor>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            var at = reader.Position;
            var anchor = Anchor.ReadFrom(ref reader);
            if (anchors.Count > 0 && anchors[^1].Child.CompareTo(anchor.Child) >= 0)
            {
                throw new LedgerFormatException($"anchor of '{anchor.Child}' is out of order or repeated", at);
            }

            anchors.Add(anchor);
        }

        reader.EnsureEnd("anchor set");
        return anchors.MoveToImmutable();
    }
}
