using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Contracts.Consensus;

/// <summary>Where a validator grain stands.</summary>
[GenerateSerializer]
[Immutable]
[Alias("smartgrid.consensus.validator-status")]
public sealed record ValidatorStatus
{
    /// <summary>Whether the grain has been enrolled in its set.</summary>
    [Id(0)]
    public bool Enrolled { get; init; }

    /// <summary>Blocks committed (the height being decided is one more).</summary>
    [Id(1)]
    public ulong Committed { get; init; }

    /// <summary>Round of the height being decided.</summary>
    [Id(2)]
    public int Round { get; init; }

    /// <summary>Hash of the last committed block (the genesis hash before the first).</summary>
    [Id(3)]
    public Hash256 LastCommitted { get; init; }

    /// <summary>The last height the validator takes part in (see <see cref="IValidatorGrain.CommitThroughAsync"/>).</summary>
    [Id(4)]
    public ulong Target { get; init; }

    /// <summary>Stream messages taken in since activation.</summary>
    [Id(5)]
    public long Received { get; init; }

    /// <summary>Stream messages that did not decode, since activation (dropped).</summary>
    [Id(6)]
    public long Undecodable { get; init; }

    /// <summary>Votes and proposals dropped because their signer's certificate was not in force (revoked or expired) when they arrived.</summary>
    [Id(8)]
    public long FromRevoked { get; init; }

    /// <summary>Activations of this grain that resumed from stored state (0 for one that never was deactivated).</summary>
    [Id(7)]
    public long Resumptions { get; init; }
}
