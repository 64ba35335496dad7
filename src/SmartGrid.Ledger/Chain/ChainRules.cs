using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// The checks every chain block passes, at every tier: the right signer, the next sequence
/// number, the link to the head, a certificate of the right role valid when the block was signed,
/// the signature, and time that does not run backwards or too far ahead. Tier validators add their
/// own rules on top (<see cref="MeterBlockValidator"/>, <see cref="Tiers.AnchorBlockValidator"/>).
/// </summary>
public static class ChainRules
{
    /// <summary>
    /// Checks <paramref name="block"/> as the next block after <paramref name="head"/> of
    /// <paramref name="node"/>'s chain, signed under a certificate of <paramref name="role"/>.
    /// Cheap structural checks run before the signature.
    /// </summary>
    /// <param name="block">The candidate block.</param>
    /// <param name="node">The chain's owner.</param>
    /// <param name="role">The role the signing certificate must carry.</param>
    /// <param name="head">The chain's current head.</param>
    /// <param name="registry">Trusted certificates and revocations.</param>
    /// <param name="now">For live ingest, the receiver's clock; null for an audit of stored blocks.</param>
    /// <param name="maxClockSkew">How far a signer's clock may run ahead of the receiver's.</param>
    /// <returns>The first defect found, or null when the block passes these rules.</returns>
    public static ChainDefect? Check(ISignedBlock block, Identity.DeviceId node, DeviceRole role, in ChainHead head, CertificateRegistry registry, DateTimeOffset? now, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(registry);
        var height = head.Height;
        var roleName = role.ToString().ToLowerInvariant();

        if (block.Signer != node)
        {
            return new ChainDefect(height, DefectKind.WrongDevice, $"block is signed as {roleName} '{block.Signer}', not '{node}'");
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

        var status = registry.Check(node, block.KeySerial, role, block.Timestamp, now, out var certificate, maxClockSkew);
        if (status != CertificateStatus.Valid)
        {
            return new ChainDefect(height, ToDefect(status), $"certificate #{block.KeySerial} of '{node}' for a {roleName} block signed {block.Timestamp:O}: {status}");
        }

        if (!block.VerifySignature(certificate!.SubjectKey))
        {
            return new ChainDefect(height, DefectKind.BadSignature, $"signature does not verify under certificate #{block.KeySerial}");
        }

        if (head.LastTimestamp is { } lastTimestamp && block.Timestamp < lastTimestamp)
        {
            return new ChainDefect(height, DefectKind.TimestampOutOfOrder, $"block time {block.Timestamp:O} is before the previous block's {lastTimestamp:O}");
        }

        if (now is { } clock && block.Timestamp - clock > maxClockSkew)
        {
            return new ChainDefect(height, DefectKind.TimestampInFuture, $"block time {block.Timestamp:O} is ahead of the receiver's clock {clock:O} by more than {maxClockSkew}");
        }

        return null;
    }

    /// <summary>Whether the block is signed by a certificate of <paramref name="role"/> that the registry holds.</summary>
    public static bool IsAuthentic(ISignedBlock block, DeviceRole role, CertificateRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Check(block.Signer, block.KeySerial, role, block.Timestamp, null, out var certificate) == CertificateStatus.Valid
            && block.VerifySignature(certificate!.SubjectKey);
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
