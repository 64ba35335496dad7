using System.Collections.Immutable;
using SmartGrid.Consensus.Efficiency;
using SmartGrid.Consensus.Evidence;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Messages;

/// <summary>
/// The header validators agree on: where the block sits (validator set, height, previous block),
/// the proposer's efficiency claim, the efficiency observations and rewards it commits, evidence
/// of misbehaviour, and the hash of the application payload (for the fog tier, the encoded
/// substation anchor block). Votes and certificates name the block by <see cref="Hash"/>.
/// </summary>
/// <remarks>
/// Layout: <c>0x20 01 | set id (32) | height u64 | previous (32) | claim count varint | claim u32 × n |
/// observation count varint | (forecast error, loss, completeness: varints) × n | reward count varint |
/// (household (len, ASCII) | milli-credits varint) × k | evidence count varint | evidence (sized) × e |
/// payload hash (32)</c>.
/// </remarks>
public sealed class ConsensusBlock
{
    /// <summary>Largest payload a block may name.</summary>
    public const int MaxPayloadSize = 16 << 20;

    /// <summary>Most rewards one block may carry.</summary>
    public const int MaxRewards = 4096;

    /// <summary>Most evidence records one block may carry.</summary>
    public const int MaxEvidence = 64;

    /// <summary>Largest encoded header.</summary>
    public const int MaxEncodedSize = 1 << 20;

    private readonly byte[] _encoded;

    private ConsensusBlock(Hash256 setId, ulong height, Hash256 previous, ImmutableArray<uint> claim, ImmutableArray<EfficiencyObservation> observations, ImmutableArray<Reward> rewards, ImmutableArray<Misbehaviour> evidence, Hash256 payloadHash, byte[] encoded)
    {
        SetId = setId;
        Height = height;
        Previous = previous;
        Claim = claim;
        Observations = observations;
        Rewards = rewards;
        Evidence = evidence;
        PayloadHash = payloadHash;
        _encoded = encoded;
        Hash = Hash256.Compute(encoded);
    }

    /// <summary>The validator set that commits the chain.</summary>
    public Hash256 SetId { get; }

    /// <summary>Height of the block (the first block is height 1).</summary>
    public ulong Height { get; }

    /// <summary>Hash of the block at the height below (the chain's genesis hash for height 1).</summary>
    public Hash256 Previous { get; }

    /// <summary>The efficiency scores (ppm, validator order) the proposer claims are in force at this height.</summary>
    public ImmutableArray<uint> Claim { get; }

    /// <summary>Efficiency observations for every validator (validator order) over this block's interval.</summary>
    public ImmutableArray<EfficiencyObservation> Observations { get; }

    /// <summary>Efficiency rewards for households.</summary>
    public ImmutableArray<Reward> Rewards { get; }

    /// <summary>Evidence of misbehaviour committed by this block (each penalises its offender once).</summary>
    public ImmutableArray<Misbehaviour> Evidence { get; }

    /// <summary>SHA-256 of the application payload that travels with the proposal.</summary>
    public Hash256 PayloadHash { get; }

    /// <summary>SHA-256 of <see cref="Encoded"/>: the block id.</summary>
    public Hash256 Hash { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>Builds a block header over <paramref name="payload"/>.</summary>
    /// <exception cref="ArgumentException">A list is over its limit or an observation is out of range.</exception>
    public static ConsensusBlock Create(Hash256 setId, ulong height, Hash256 previous, ImmutableArray<uint> claim, ImmutableArray<EfficiencyObservation> observations, ImmutableArray<Reward> rewards, ImmutableArray<Misbehaviour> evidence, ReadOnlySpan<byte> payload)
    {
        claim = claim.IsDefault ? [] : claim;
        observations = observations.IsDefault ? [] : observations;
        rewards = rewards.IsDefault ? [] : rewards;
        evidence = evidence.IsDefault ? [] : evidence;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxPayloadSize, nameof(payload));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rewards.Length, MaxRewards, nameof(rewards));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(evidence.Length, MaxEvidence, nameof(evidence));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(claim.Length, Validators.ValidatorSet.MaxValidators, nameof(claim));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(observations.Length, Validators.ValidatorSet.MaxValidators, nameof(observations));
        if (observations.Select(o => o.Defect()).FirstOrDefault(d => d is not null) is { } defect)
        {
            throw new ArgumentException(defect, nameof(observations));
        }

        var payloadHash = Hash256.Compute(payload);
        var writer = new CanonicalWriter(128 + (claim.Length * 4) + (observations.Length * 6) + (rewards.Length * 24));
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.Block);
        writer.WriteBytes(setId.Span);
        writer.WriteUInt64(height);
        writer.WriteBytes(previous.Span);
        writer.WriteVarUInt64((ulong)claim.Length);
        foreach (var score in claim)
        {
            writer.WriteUInt32(score);
        }

        writer.WriteVarUInt64((ulong)observations.Length);
        foreach (var o in observations)
        {
            writer.WriteVarUInt64(o.ForecastErrorBp);
            writer.WriteVarUInt64(o.LossBp);
            writer.WriteVarUInt64(o.CompletenessBp);
        }

        writer.WriteVarUInt64((ulong)rewards.Length);
        foreach (var reward in rewards)
        {
            writer.WriteShortAscii(reward.Household.Value);
            writer.WriteVarUInt64(reward.Credits);
        }

        writer.WriteVarUInt64((ulong)evidence.Length);
        foreach (var item in evidence)
        {
            writer.WriteSizedBytes(item.Encoded.Span);
        }

        writer.WriteBytes(payloadHash.Span);
        if (writer.Length > MaxEncodedSize)
        {
            throw new ArgumentException($"a block header of {writer.Length} bytes exceeds the {MaxEncodedSize} allowed", nameof(evidence));
        }

        return new ConsensusBlock(setId, height, previous, claim, observations, rewards, evidence, payloadHash, writer.ToArray());
    }

    /// <summary>Decodes a header that is exactly <paramref name="bytes"/>.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical block header.</exception>
    public static ConsensusBlock Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new LedgerFormatException($"a block header of {bytes.Length} bytes exceeds the {MaxEncodedSize} allowed");
        }

        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.Block);
        var setId = Codec.ReadHash(ref reader);
        var height = reader.ReadUInt64();
        var previous = Codec.ReadHash(ref reader);
        var claim = ImmutableArray.CreateBuilder<uint>(reader.ReadVarCount(0, Validators.ValidatorSet.MaxValidators, "claimed scores"));
        for (var i = 0; i < claim.Capacity; i++)
        {
            claim.Add(reader.ReadUInt32());
        }

        var observations = ImmutableArray.CreateBuilder<EfficiencyObservation>(reader.ReadVarCount(0, Validators.ValidatorSet.MaxValidators, "observations"));
        for (var i = 0; i < observations.Capacity; i++)
        {
            var at = reader.Position;
            var o = new EfficiencyObservation(ReadBp(ref reader), ReadBp(ref reader), ReadBp(ref reader));
            observations.Add(o.Defect() is { } defect ? throw new LedgerFormatException(defect, at) : o);
        }

        var rewards = ImmutableArray.CreateBuilder<Reward>(reader.ReadVarCount(0, MaxRewards, "rewards"));
        for (var i = 0; i < rewards.Capacity; i++)
        {
            rewards.Add(new Reward(Codec.ReadDeviceId(ref reader), reader.ReadVarUInt64()));
        }

        var evidence = ImmutableArray.CreateBuilder<Misbehaviour>(reader.ReadVarCount(0, MaxEvidence, "evidence records"));
        for (var i = 0; i < evidence.Capacity; i++)
        {
            evidence.Add(Misbehaviour.Decode(reader.ReadSizedBytes(MaxEncodedSize)));
        }

        var payloadHash = Codec.ReadHash(ref reader);
        reader.EnsureEnd("block header");
        return new ConsensusBlock(setId, height, previous, claim.MoveToImmutable(), observations.MoveToImmutable(), rewards.MoveToImmutable(), evidence.MoveToImmutable(), payloadHash, bytes.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"block h{Height} {Hash.ToShortString()}";

    private static uint ReadBp(ref CanonicalReader reader)
    {
        var at = reader.Position;
        var value = reader.ReadVarUInt64();
        return value > uint.MaxValue ? throw new LedgerFormatException($"{value} bp is out of range", at) : (uint)value;
    }
}
