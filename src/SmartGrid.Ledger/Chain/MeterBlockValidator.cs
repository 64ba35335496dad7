using SmartGrid.Ledger.Appliances;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// The rules a meter block must pass to extend a chain. Live ingest and the offline audit use
/// this one piece of code, so what the grain accepts is exactly what the audit calls valid.
/// Appliance reports carried in a block are checked here too (<see cref="ApplianceReportValidator.CheckCarried"/>);
/// their balance against the meter's register is a flag, not a rejection (<see cref="CheckBalance"/>).
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

        return ApplianceReportValidator.CheckCarried(block, meter, height, registry, now, maxClockSkew);
    }

    /// <summary>
    /// The flag of a valid block whose appliance reports add up to more than the meter's own
    /// register recorded over the same span (see <see cref="ApplianceBalance"/>), or null when they
    /// do not (or the block carries none). The block is still appended: its readings are signed
    /// facts, and the flag is the finding. Call after <see cref="Check"/> found nothing.
    /// </summary>
    public static ApplianceBalance? CheckBalance(MeterBlock block, in ChainHead head) =>
        ApplianceBalance.Of(block, head) is { Exceeds: true } balance ? balance : null;

    /// <summary>The defect corresponding to a failed certificate check.</summary>
    public static DefectKind ToDefect(CertificateStatus status) => ChainRules.ToDefect(status);
}
