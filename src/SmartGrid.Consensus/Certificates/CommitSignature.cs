using SmartGrid.Ledger.Crypto;

namespace SmartGrid.Consensus.Certificates;

/// <summary>One validator's precommit signature inside a <see cref="CommitCertificate"/>.</summary>
/// <param name="ValidatorIndex">The signer's index in the validator set (sorted by id).</param>
/// <param name="Signature">Its signature over the precommit's signed bytes.</param>
public readonly record struct CommitSignature(int ValidatorIndex, Signature Signature);
