using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Messages;

/// <summary>
/// A prevote or precommit, signed by its validator, for one block id or for nil.
/// </summary>
/// <remarks>
/// Signed layout: <c>0x22 01 | set id (32) | height u64 | round u32 | type u8 | 0 (nil) or 1 and block id (32) |
/// validator (len, ASCII)</c>, followed on the wire by the 64-byte signature.
/// </remarks>
public sealed class Vote : ConsensusMessage
{
    private readonly byte[] _signed;

    private Vote(Hash256 setId, ulong height, int round, VoteType type, Hash256? blockId, DeviceId validator, Signature signature, byte[] signed)
    {
        SetId = setId;
        Height = height;
        Round = round;
        Type = type;
        BlockId = blockId;
        Validator = validator;
        Signature = signature;
        _signed = signed;
    }

    /// <summary>The validator set (and so the chain) the vote belongs to.</summary>
    public Hash256 SetId { get; }

    /// <inheritdoc />
    public override ulong Height { get; }

    /// <inheritdoc />
    public override int Round { get; }

    /// <summary>Prevote or precommit.</summary>
    public VoteType Type { get; }

    /// <summary>The block voted for, or null for nil.</summary>
    public Hash256? BlockId { get; }

    /// <summary>The voter.</summary>
    public DeviceId Validator { get; }

    /// <summary>The voter's signature over <see cref="SignedBytes"/>.</summary>
    public Signature Signature { get; }

    /// <summary>The bytes the signature covers.</summary>
    public ReadOnlySpan<byte> SignedBytes => _signed;

    /// <summary>Creates and signs a vote.</summary>
    public static Vote Create(Hash256 setId, ulong height, int round, VoteType type, Hash256? blockId, DeviceId validator, SigningKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signed = SignedPayload(setId, height, round, type, blockId, validator);
        return new Vote(setId, height, round, type, blockId, validator, key.Sign(signed), signed);
    }

    /// <summary>
    /// The bytes a validator signs for a vote. A commit certificate stores only the signatures and
    /// rebuilds these bytes from its own fields when it is checked.
    /// </summary>
    public static byte[] SignedPayload(Hash256 setId, ulong height, int round, VoteType type, Hash256? blockId, DeviceId validator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        var writer = new CanonicalWriter(96);
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.Vote);
        writer.WriteBytes(setId.Span);
        writer.WriteUInt64(height);
        writer.WriteUInt32((uint)round);
        writer.WriteByte((byte)type);
        if (blockId is { } id)
        {
            writer.WriteByte(1);
            writer.WriteBytes(id.Span);
        }
        else
        {
            writer.WriteByte(0);
        }

        writer.WriteShortAscii(validator.Value);
        return writer.ToArray();
    }

    /// <summary>Decodes a vote from its wire encoding; the signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical vote.</exception>
    public static Vote Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.Vote);
        var setId = new Hash256(reader.ReadBytes(Hash256.Size));
        var height = reader.ReadUInt64();
        var round = Codec.ReadRound(ref reader);
        var typeAt = reader.Position;
        var type = (VoteType)reader.ReadByte();
        if (type is not (VoteType.Prevote or VoteType.Precommit))
        {
            throw new LedgerFormatException($"vote type {(byte)type} is neither prevote nor precommit", typeAt);
        }

        Hash256? blockId = Codec.ReadOptionalHash(ref reader);
        var validator = Codec.ReadDeviceId(ref reader);
        var signed = reader.Consumed.ToArray();
        var signature = new Signature(reader.ReadBytes(Signature.Size));
        reader.EnsureEnd("vote");
        return new Vote(setId, height, round, type, blockId, validator, signature, signed);
    }

    /// <inheritdoc />
    public override byte[] Encode()
    {
        var bytes = new byte[_signed.Length + Signature.Size];
        _signed.CopyTo(bytes, 0);
        Signature.Span.CopyTo(bytes.AsSpan(_signed.Length));
        return bytes;
    }

    /// <summary>Whether the vote is for <paramref name="set"/> and signed by a member of it under its own key.</summary>
    public bool IsSignedBy(ValidatorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return SetId == set.Id && set.Verify(set.IndexOf(Validator), _signed, Signature);
    }

    /// <summary>Whether <paramref name="other"/> is a different vote by the same validator at the same height, round and step (equivocation).</summary>
    public bool ConflictsWith(Vote other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SetId == other.SetId && Height == other.Height && Round == other.Round && Type == other.Type
            && Validator == other.Validator && !Nullable.Equals(BlockId, other.BlockId);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Type} {Validator} h{Height} r{Round} {(BlockId is { } id ? id.ToShortString(8) : "nil")}";
}
