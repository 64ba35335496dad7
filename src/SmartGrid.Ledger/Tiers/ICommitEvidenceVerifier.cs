using SmartGrid.Ledger.Chain;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// Checks the <see cref="CommitEvidence"/> of an anchor block sealed with
/// <see cref="CommitScheme.CommitCertificate"/>: that the validator set it names commits the
/// block's chain and that 2f+1 of its members precommitted a consensus block whose payload is the
/// block's <see cref="AnchorBlock.Body"/>. The ledger does not know the consensus records; the
/// implementation lives in SmartGrid.Consensus and is handed to the <see cref="Storage.LedgerAuditor"/>.
/// </summary>
public interface ICommitEvidenceVerifier
{
    /// <summary>Checks the commit evidence of <paramref name="block"/>, stored at <paramref name="height"/> of its chain.</summary>
    /// <returns>
    /// Null when the evidence proves the commit; otherwise the defect at <paramref name="height"/>
    /// (<see cref="DefectKind.CommitCertificateUnverifiable"/>, <see cref="DefectKind.CommitCertificateInvalid"/>,
    /// <see cref="DefectKind.CommitCertificateTooFewSignatures"/> or <see cref="DefectKind.CommitCertificateWrongBlock"/>).
    /// </returns>
    ChainDefect? Verify(AnchorBlock block, long height);
}
