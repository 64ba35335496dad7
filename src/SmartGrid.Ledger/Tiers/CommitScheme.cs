namespace SmartGrid.Ledger.Tiers;

/// <summary>How an anchor block was committed. Values are part of the signed format.</summary>
public enum CommitScheme : byte
{
    /// <summary>The signing node committed the block alone (format version 1).</summary>
    SignerAlone = 0,

    /// <summary>
    /// Proof-of-Efficiency: the substation's validator set committed the block, and the stored block
    /// carries <see cref="CommitEvidence"/> (the consensus header and its certificate of 2f+1
    /// precommits) after the anchors (POEF.md §9.1).
    /// </summary>
    CommitCertificate = 1,
}
