using SmartGrid.Ledger.Canonical;

namespace SmartGrid.Hosting.Storage;

/// <summary>
/// The rows of <c>tail</c> that hold a chain's unsealed blocks, in height order, as kept in its
/// <c>chains.rows</c> column: each row number as the signed difference from the one before
/// (the first from 0), zigzag varint. A chain's rows lie about one fleet's uploads apart, so an
/// entry takes two or three bytes and a full tail of 63 well under 200.
/// </summary>
internal static class TailRowList
{
    /// <summary>The encoded list.</summary>
    public static byte[] Encode(IReadOnlyList<long> rows)
    {
        var writer = new CanonicalWriter(rows.Count * 3);
        var previous = 0L;
        foreach (var row in rows)
        {
            writer.WriteVarInt64(unchecked(row - previous));
            previous = row;
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Appends the rows of <paramref name="encoded"/> to <paramref name="rows"/>; false when the
    /// bytes end inside an entry (an altered file), in which case the entries before it are kept.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, List<long> rows)
    {
        var reader = new CanonicalReader(encoded);
        var previous = 0L;
        while (reader.Remaining > 0)
        {
            try
            {
                previous = unchecked(previous + reader.ReadVarInt64());
            }
            catch (LedgerFormatException)
            {
                return false;
            }

            rows.Add(previous);
        }

        return true;
    }
}
