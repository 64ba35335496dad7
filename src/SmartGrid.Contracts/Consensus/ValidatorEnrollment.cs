using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Consensus;

/// <summary>
/// What a validator grain needs to take part in consensus: its set (whose id must be the one in
/// the grain key), its own Ed25519 private key, and the genesis hash its chain starts above.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.consensus.validator-enrollment")]
public sealed record ValidatorEnrollment
{
    /// <summary>The canonical encoding of the validator set (record 0x25 of docs/POEF.md §2).</summary>
    [Id(0)]
    public required byte[] ValidatorSet { get; init; }

    /// <summary>The validator's 32-byte Ed25519 private key; its public key must be the set's for this validator.</summary>
    [Id(1)]
    public required byte[] PrivateKey { get; init; }

    /// <summary>The hash the chain's first block links to.</summary>
    [Id(2)]
    public required Hash256 Genesis { get; init; }
}
