namespace SmartGrid.Ledger.Canonical;

/// <summary>
/// The first byte of every canonical record: it separates the signing and hashing domains of
/// different record types, so a signature over one kind of record can never be presented as a
/// signature over another, and no record hash can pass for a Merkle leaf (0x00) or node (0x01).
/// </summary>
/// <remarks>Values are part of the stored format: never renumber or reuse one.</remarks>
public enum RecordType : byte
{
    /// <summary>A device-signed meter chain block (<see cref="Chain.MeterBlock"/>).</summary>
    MeterBlock = 0x10,

    /// <summary>A device certificate issued by the utility root (<see cref="Pki.DeviceCertificate"/>).</summary>
    DeviceCertificate = 0x11,

    /// <summary>A revocation of a device certificate (<see cref="Pki.CertificateRevocation"/>).</summary>
    CertificateRevocation = 0x12,

    /// <summary>A Merkle inclusion proof (<see cref="Merkle.MerkleProof"/>).</summary>
    MerkleProof = 0x13,

    /// <summary>One interval reading, self-described with its channels (<see cref="Metering.IntervalReading"/>).</summary>
    IntervalReading = 0x14,

    /// <summary>A concentrator, substation or utility block anchoring the tier below (<see cref="Tiers.AnchorBlock"/>).</summary>
    AnchorBlock = 0x15,

    /// <summary>A reading's inclusion proof up the tiers (<see cref="Proofs.ReadingProof"/>).</summary>
    ReadingProof = 0x16,

    /// <summary>An appliance's signed sub-reading, carried in its household meter's blocks (<see cref="Appliances.ApplianceReport"/>).</summary>
    ApplianceReport = 0x17,

    /// <summary>
    /// The evidence that a validator set committed an anchor block, stored after the anchors of a
    /// block sealed with <see cref="Tiers.CommitScheme.CommitCertificate"/> (<see cref="Tiers.CommitEvidence"/>).
    /// </summary>
    CommitEvidence = 0x18,

    // 0x20..0x2F are reserved for the consensus records of SmartGrid.Consensus
    // (ConsensusRecordType: proposals, votes, certificates, validator sets...), which the Ledger
    // does not reference; no ledger record may take those tags.
}
