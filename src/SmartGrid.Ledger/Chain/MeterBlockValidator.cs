using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// The rules a meter block must pass to extend a chain. Live ingest and the offline audit use
/// this one piece of code, so what the grain accepts is exactly what the audit calls valid.
/// </summary>
public static class MeterBlockValidator
{
    /// <summary>
    /// Checks <paramref name="block"/> as the next block after <paramref name="head"/> of
    /// <paramref name="meter"/>'s chain. Cheap structural checks run before the signature.
    /// </summary>
    /// <param name="block">The candidate block.</param>
    /// <param name="meter">The chain's device.</param>
    /// <param name="head">The chain's current head.</param>
    /// <param name="registry">Trusted certificates and revocations.</param>
    /// <param name="now">For live ingest, the receiver's clock (revocations up to now apply, the
    /// future is bounded); null for an audit of stored blocks.</param>
    /// <param name="maxClockSkew">How far a device clock may run ahead of the receiver's.</param>
    /// <returns>The first defect found, or null when the block may be appended.</returns>
    public static ChainDefect? Check(MeterBlock block, DeviceId meter, in ChainHead head, CertificateRegistry registry, DateTimeOffset? now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(block);
        var defect = ChainRules.Check(block, meter, DeviceRole.Meter, head, registry, now, maxClockSkew);
        if (defect is not null)
        {
            return defect;
        }

        var height = head.Height;
        if (head.LastReadingEnd is { } lastEnd && block.Profile.Start < lastEnd)
        {
            return new ChainDefect(height, DefectKind.TimestampOutOfOrder, $"first reading starts {block.Profile.Start:O}, before the previous block's readings end {lastEnd:O}");
        }

        // Differences, not sums: Timestamp + maxClockSkew overflows for a large skew or a timestamp near year 9999.
        if (block.Profile.End - block.Timestamp > maxClockSkew)
        {
            return new ChainDefect(height, DefectKind.TimestampInFuture, $"readings end {block.Profile.End:O}, after the block was sealed {block.Timestamp:O}");
        }

        return null;
    }

    /// <summary>The defect corresponding to a failed certificate check.</summary>
    public static DefectKind ToDefect(CertificateStatus status) => ChainRules.ToDefect(status);
}
