using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Ledger.Chain;

/// <summary>
/// What every chain block has, whatever its tier: a signer, a place in the signer's chain, a link
/// to the previous block, a time and a signature. <see cref="ChainRules"/> checks these parts the
/// same way for a meter block and for an anchor block.
/// </summary>
public interface ISignedBlock
{
    /// <summary>The node whose chain the block extends and whose key signed it.</summary>
    DeviceId Signer { get; }

    /// <summary>Position in the signer's chain, from 0.</summary>
    ulong Sequence { get; }

    /// <summary>Serial of the certificate whose key signed the block.</summary>
    ulong KeySerial { get; }

    /// <summary>Hash of the previous block, <see cref="Hash256.Zero"/> for the first.</summary>
    Hash256 Previous { get; }

    /// <summary>When the signer sealed the block (UTC, millisecond resolution).</summary>
    DateTimeOffset Timestamp { get; }

    /// <summary>The block's hash, the value the next block links to and the tier above anchors.</summary>
    Hash256 Hash { get; }

    /// <summary>Whether the signature is valid under <paramref name="key"/>.</summary>
    bool VerifySignature(PublicKey key);
}
