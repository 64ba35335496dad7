namespace SmartGrid.Consensus.Certificates;

/// <summary>Why a commit certificate does not prove a commit (<see cref="CommitCertificate.Check(Validators.ValidatorSet)"/>).</summary>
public enum CertificateDefect
{
    /// <summary>The certificate proves that a quorum precommitted the block.</summary>
    None = 0,

    /// <summary>It names another validator set (another chain or another membership).</summary>
    WrongValidatorSet,

    /// <summary>It names a validator index outside the set.</summary>
    UnknownValidator,

    /// <summary>It holds fewer distinct validators than the quorum n - f.</summary>
    TooFewSignatures,

    /// <summary>A signature is not that validator's precommit of this block at this height and round.</summary>
    BadSignature,

    /// <summary>It certifies another block than the one it is presented with.</summary>
    WrongBlock,
}
