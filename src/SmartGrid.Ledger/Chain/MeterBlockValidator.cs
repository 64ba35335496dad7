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
        ArgumentNullException.ThrowIfNull(registry);
        var height = head.Height;

        if (block.MeterId != meter)
        {
            return new ChainDefect(height, DefectKind.WrongDevice, $"block is signed as meter '{block.MeterId}', not '{meter}'");
        }

        var sequence = block.Sequence;
        if (sequence < (ulong)height)
        {
            return sequence + 1 == (ulong)height && block.Hash == head.Hash
                ? new ChainDefect(height, DefectKind.Duplicate, $"block {sequence} is already the head ({block.Hash.ToShortString()})")
                : new ChainDefect(height, DefectKind.Replay, $"sequence {sequence} was already used; the chain has {height} blocks");
        }

        if (sequence > (ulong)height)
        {
            return new ChainDefect(height, DefectKind.SequenceGap, $"sequence {sequence} skips ahead: expected {height}");
        }

        if (block.Previous != head.Hash)
        {
            return new ChainDefect(height, DefectKind.BrokenLink, $"previous hash {block.Previous.ToShortString()} is not the head {head.Hash.ToShortString()}");
        }

        var status = registry.Check(meter, block.KeySerial, DeviceRole.Meter, block.Timestamp, now, out var certificate, maxClockSkew);
        if (status != CertificateStatus.Valid)
        {
            return new ChainDefect(height, ToDefect(status), $"certificate #{block.KeySerial} of '{meter}' for a block signed {block.Timestamp:O}: {status}");
        }

        if (!block.VerifySignature(certificate!.SubjectKey))
        {
            return new ChainDefect(height, DefectKind.BadSignature, $"signature does not verify under certificate #{block.KeySerial}");
        }

        if (head.LastTimestamp is { } lastTimestamp && block.Timestamp < lastTimestamp)
        {
            return new ChainDefect(height, DefectKind.TimestampOutOfOrder, $"block time {block.Timestamp:O} is before the previous block's {lastTimestamp:O}");
        }

        if (head.LastReadingEnd is { } lastEnd && block.Profile.Start < lastEnd)
        {
            return new ChainDefect(height, DefectKind.TimestampOutOfOrder, $"first reading starts {block.Profile.Start:O}, before the previous block's readings end {lastEnd:O}");
        }

        // Differences, not sums: Timestamp + maxClockSkew overflows for a large skew or a timestamp near year 9999.
        if (block.Profile.End - block.Timestamp > maxClockSkew)
        {
            return new ChainDefect(height, DefectKind.TimestampInFuture, $"readings end {block.Profile.End:O}, after the block was sealed {block.Timestamp:O}");
        }

        if (now is { } clock && block.Timestamp - clock > maxClockSkew)
        {
            return new ChainDefect(height, DefectKind.TimestampInFuture, $"block time {block.Timestamp:O} is ahead of the receiver's clock {clock:O} by more than {maxClockSkew}");
        }

        return null;
    }

    /// <summary>The defect corresponding to a failed certificate check.</summary>
    public static DefectKind ToDefect(CertificateStatus status) => status switch
    {
        CertificateStatus.UnknownDevice => DefectKind.UnknownDevice,
        CertificateStatus.UnknownCertificate => DefectKind.UnknownCertificate,
        CertificateStatus.WrongRole => DefectKind.WrongRole,
        CertificateStatus.NotYetValid => DefectKind.CertificateNotYetValid,
        CertificateStatus.Expired => DefectKind.CertificateExpired,
        CertificateStatus.Revoked => DefectKind.CertificateRevoked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a valid certificate is not a defect"),
    };
}
