namespace SmartGrid.Ledger.Chain;

/// <summary>
/// What is wrong with a block: the reason an ingest is rejected and the finding an audit reports.
/// Values are stored and sent on the wire: never renumber or reuse one.
/// </summary>
public enum DefectKind
{
    /// <summary>The bytes are not a canonical block (truncated, bad version, broken invariant).</summary>
    Malformed = 1,

    /// <summary>The block names another device than the chain it was offered to.</summary>
    WrongDevice = 2,

    /// <summary>No certificate is known for the device.</summary>
    UnknownDevice = 3,

    /// <summary>The device has no certificate with the serial the block names.</summary>
    UnknownCertificate = 4,

    /// <summary>The signing certificate is for another role.</summary>
    WrongRole = 5,

    /// <summary>The block was signed before the certificate's validity window.</summary>
    CertificateNotYetValid = 6,

    /// <summary>The block was signed after the certificate expired.</summary>
    CertificateExpired = 7,

    /// <summary>The signing certificate is revoked.</summary>
    CertificateRevoked = 8,

    /// <summary>The signature does not verify: the block was altered or forged.</summary>
    BadSignature = 9,

    /// <summary>The block is the chain's head, offered again; harmless, nothing changed.</summary>
    Duplicate = 10,

    /// <summary>The block's sequence number was already used: an old block replayed or a conflicting one.</summary>
    Replay = 11,

    /// <summary>The block's sequence number skips ahead: blocks before it are missing.</summary>
    SequenceGap = 12,

    /// <summary>The block's previous hash is not the hash of the chain's head.</summary>
    BrokenLink = 13,

    /// <summary>The block or its readings go back in time relative to the chain's head.</summary>
    TimestampOutOfOrder = 14,

    /// <summary>The block or its readings lie in the future beyond the allowed clock skew.</summary>
    TimestampInFuture = 15,

    /// <summary>A certificate or revocation in the store does not verify under the utility root.</summary>
    BadIssuerSignature = 16,

    /// <summary>Two different certificates claim the same device and serial.</summary>
    CertificateConflict = 17,

    /// <summary>
    /// The store records more blocks for the chain than it holds: blocks at the end were
    /// deleted, or its chain directory was altered. The chain cannot be extended until audited.
    /// </summary>
    MissingBlocks = 18,

    /// <summary>
    /// An anchor block's anchors do not match its signed Merkle root, are not of the tier below,
    /// or are not one per child in order.
    /// </summary>
    AnchorMismatch = 19,

    /// <summary>
    /// A stored block differs from the head the tier above anchored (altered, re-signed,
    /// reordered or forked after it was anchored), or an anchored block is missing.
    /// </summary>
    AnchoredBlockDiffers = 20,

    /// <summary>
    /// An appliance report carried in a meter block is not for this household, lies outside the
    /// block's readings, does not follow the appliance's previous report in the same block, or the
    /// block has no 1.8.0 register to balance it against. (A report under a certificate that is
    /// not a valid appliance certificate is reported with the certificate's own kind, and one whose
    /// signature does not verify as <see cref="BadSignature"/>; the message names the report.)
    /// </summary>
    ApplianceReportMismatch = 21,

    /// <summary>
    /// A finding, not a rejection: the appliance reports of an accepted meter block add up to more
    /// energy than the meter's own 1.8.0 register recorded over the same span, beyond the rounding
    /// tolerance. The block's readings are signed facts and stay on the chain; the excess is
    /// flagged at ingest and reported by the audit.
    /// </summary>
    ApplianceExceedsMeter = 22,

    /// <summary>
    /// An anchor block sealed with <see cref="Tiers.CommitScheme.CommitCertificate"/> names a
    /// validator set the audit does not know (or the audit was given no validator sets), so its
    /// commit cannot be checked.
    /// </summary>
    CommitCertificateUnverifiable = 23,

    /// <summary>
    /// The commit evidence of an anchor block does not prove a commit: it does not decode, its set
    /// commits another chain, a signer is not a member of the set, or a signature is not valid.
    /// </summary>
    CommitCertificateInvalid = 24,

    /// <summary>The commit certificate of an anchor block has fewer signatures than the set's quorum (2f+1).</summary>
    CommitCertificateTooFewSignatures = 25,

    /// <summary>
    /// The commit evidence of an anchor block certifies another block: the consensus block does not
    /// commit this block's bytes, or the certificate is for another consensus block or height.
    /// </summary>
    CommitCertificateWrongBlock = 26,
}
