using SmartGrid.Consensus.Engine;
using SmartGrid.Consensus.Signing;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Grains.Consensus;

/// <summary>
/// The small state of a validator grain: its enrollment, the height it may go up to, and what it
/// signed last (written before anything it signed is sent). Its committed blocks are in the ledger store.
/// </summary>
[GenerateSerializer]
[Alias("smartgrid.consensus.ValidatorGrainState")]
public sealed class ValidatorGrainState
{
    /// <summary>The canonical validator set (0x25), or null before enrollment.</summary>
    [Id(0)]
    public byte[]? ValidatorSet { get; set; }

    /// <summary>The validator's Ed25519 private key (kept in grain storage, like the anchoring nodes' keys).</summary>
    [Id(1)]
    public byte[]? PrivateKey { get; set; }

    /// <summary>The genesis hash the chain starts above.</summary>
    [Id(2)]
    public byte[]? Genesis { get; set; }

    /// <summary>The last height the validator takes part in.</summary>
    [Id(3)]
    public ulong Target { get; set; }

    /// <summary>Height of the last message signed (0: none).</summary>
    [Id(4)]
    public ulong SignedHeight { get; set; }

    /// <summary>Round of the last message signed.</summary>
    [Id(5)]
    public int SignedRound { get; set; }

    /// <summary>Step of the last message signed (<see cref="RoundStep"/>).</summary>
    [Id(6)]
    public byte SignedStep { get; set; }

    /// <summary>SHA-256 of the bytes signed last.</summary>
    [Id(7)]
    public byte[]? SignedDigest { get; set; }

    /// <summary>Height of the last block precommitted (0: none).</summary>
    [Id(8)]
    public ulong LockHeight { get; set; }

    /// <summary>Round of the last block precommitted.</summary>
    [Id(9)]
    public int LockRound { get; set; }

    /// <summary>The last block precommitted.</summary>
    [Id(10)]
    public byte[]? LockBlock { get; set; }

    /// <summary>Activations that resumed an enrolled validator from this state.</summary>
    [Id(11)]
    public long Resumptions { get; set; }

    /// <summary>The guard as it was persisted.</summary>
    public SigningGuard RestoreGuard() => new(
        SignedDigest is { } digest ? new SignedStep(SignedHeight, SignedRound, (RoundStep)SignedStep, new Hash256(digest)) : null,
        LockBlock is { } block ? new SigningLock(LockHeight, LockRound, new Hash256(block)) : null);

    /// <summary>Copies what <paramref name="guard"/> signed last.</summary>
    public void Record(SigningGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        if (guard.Last is { } last)
        {
            (SignedHeight, SignedRound, SignedStep, SignedDigest) = (last.Height, last.Round, (byte)last.Step, last.Digest.ToArray());
        }

        if (guard.Lock is { } held)
        {
            (LockHeight, LockRound, LockBlock) = (held.Height, held.Round, held.BlockId.ToArray());
        }
    }
}
