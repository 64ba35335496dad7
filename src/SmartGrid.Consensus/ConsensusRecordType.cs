namespace SmartGrid.Consensus;

/// <summary>
/// The first byte of every canonical consensus record (0x20 and up; the ledger owns 0x10-0x1F).
/// It separates the signing domains, so a prevote can never pass for a precommit, a proposal or
/// a ledger record. Values are part of the stored and signed format: never renumber or reuse one.
/// </summary>
public enum ConsensusRecordType : byte
{
    /// <summary>A block header agreed by consensus (<see cref="Messages.ConsensusBlock"/>).</summary>
    Block = 0x20,

    /// <summary>A signed proposal (<see cref="Messages.Proposal"/>).</summary>
    Proposal = 0x21,

    /// <summary>A signed prevote or precommit (<see cref="Messages.Vote"/>).</summary>
    Vote = 0x22,

    /// <summary>A commit certificate (<see cref="Certificates.CommitCertificate"/>).</summary>
    CommitCertificate = 0x23,

    /// <summary>Evidence of misbehaviour (<see cref="Evidence.Misbehaviour"/>).</summary>
    Evidence = 0x24,

    /// <summary>A validator set (<see cref="Validators.ValidatorSet"/>); its hash is the set id every message signs.</summary>
    ValidatorSet = 0x25,

    /// <summary>The domain of the proposer lottery's seed (<see cref="Efficiency.ProposerLottery"/>); never a stored record.</summary>
    LotterySeed = 0x26,

    /// <summary>A decided block with its certificate, sent to validators that lag (<see cref="Messages.CommitAnnouncement"/>).</summary>
    CommitAnnouncement = 0x27,

    /// <summary>
    /// Retired, never to be reused: a set of anchored concentrator heads, the payload of the first
    /// substation application. The payload is now the anchor block body (<see cref="Applications.AnchorChainApplication"/>).
    /// </summary>
    AnchorSet = 0x28,
}
