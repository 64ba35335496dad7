namespace SmartGrid.Ledger.Tiers;

/// <summary>How an anchor block was committed. Values are part of the signed format.</summary>
public enum CommitScheme : byte
{
    /// <summary>The signing node committed the block alone (format version 1).</summary>
    SignerAlone = 0,

    /// <summary>
    /// Reserved for Proof-of-Efficiency: the block is the proposer's, and a commit certificate of
    /// 2f+1 validator precommits over the block hash follows the anchors. Version 1 decoders refuse it.
    /// </summary>
    CommitCertificate = 1,
}
