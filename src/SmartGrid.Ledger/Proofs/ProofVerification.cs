using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Metering;
using SmartGrid.Ledger.Pki;
using SmartGrid.Ledger.Tiers;

namespace SmartGrid.Ledger.Proofs;

/// <summary>What <see cref="ProofVerifier"/> concluded about a proof.</summary>
public sealed record ProofVerification
{
    /// <summary>Whether every signature, link and Merkle path checked out up to a utility block.</summary>
    public required bool IsValid { get; init; }

    /// <summary>Why the proof is invalid, naming the tier and block; empty when valid.</summary>
    public string Failure { get; init; } = string.Empty;

    /// <summary>The tier at which verification failed, when it did.</summary>
    public DeviceRole? FailedTier { get; init; }

    /// <summary>The meter whose reading is proven.</summary>
    public DeviceId Meter { get; init; }

    /// <summary>The proven reading (when the proof decoded that far).</summary>
    public IntervalReading? Reading { get; init; }

    /// <summary>The channels of <see cref="Reading"/>.</summary>
    public LoadProfile? Profile { get; init; }

    /// <summary>Sequence number of the meter block holding the reading.</summary>
    public ulong MeterSequence { get; init; }

    /// <summary>The utility block the proof ends at.</summary>
    public AnchorBlockHeader? UtilityBlock { get; init; }

    /// <summary>The path the proof took: the block of each tier, meter first.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    internal static ProofVerification Invalid(DeviceRole? tier, string failure, DeviceId meter = default) =>
        new() { IsValid = false, FailedTier = tier, Failure = failure, Meter = meter };

    internal static string Describe(DeviceRole role, ISignedBlock block) => $"{Tier.NameOf(role)} {block.Signer}#{block.Sequence} {block.Hash.ToShortString()}";
}
