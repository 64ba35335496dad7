using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Messages;

/// <summary>
/// The proposer's block for one height and round, signed by the proposer, with the round of the
/// proof-of-lock it re-proposes from (<see cref="PolRound"/>, -1 for a fresh block).
/// </summary>
/// <remarks>
/// Signed layout: <c>0x21 01 | set id (32) | height u64 | round u32 | pol round zig-zag varint |
/// block id (32) | proposer (len, ASCII)</c>. Wire: <c>signed | signature (64) | block header (sized) |
/// 1 and payload (sized), or 0 when the payload is withheld (inside evidence)</c>.
/// </remarks>
public sealed class Proposal : ConsensusMessage
{
    private readonly byte[] _signed;
    private readonly byte[]? _payload;

    private Proposal(ulong height, int round, int polRound, DeviceId proposer, Signature signature, byte[] signed, ConsensusBlock block, byte[]? payload)
    {
        Height = height;
        Round = round;
        PolRound = polRound;
        Proposer = proposer;
        Signature = signature;
        _signed = signed;
        Block = block;
        _payload = payload;
    }

    /// <inheritdoc />
    public override ulong Height { get; }

    /// <inheritdoc />
    public override int Round { get; }

    /// <summary>The round whose prevote quorum the proposer re-proposes from, or -1.</summary>
    public int PolRound { get; }

    /// <summary>The validator that signed the proposal.</summary>
    public DeviceId Proposer { get; }

    /// <summary>The proposer's signature over <see cref="SignedBytes"/>.</summary>
    public Signature Signature { get; }

    /// <summary>The proposed block header.</summary>
    public ConsensusBlock Block { get; }

    /// <summary>The payload whose hash the block names; null when withheld (a proposal kept as evidence).</summary>
    public ReadOnlyMemory<byte>? Payload => _payload;

    /// <summary>The bytes the signature covers.</summary>
    public ReadOnlySpan<byte> SignedBytes => _signed;

    /// <summary>Creates and signs a proposal of <paramref name="block"/> with its payload.</summary>
    public static Proposal Create(ulong height, int round, int polRound, ConsensusBlock block, ReadOnlySpan<byte> payload, DeviceId proposer, SigningKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(polRound, -1);
        var signed = SignedPayload(block.SetId, height, round, polRound, block.Hash, proposer);
        return new Proposal(height, round, polRound, proposer, key.Sign(signed), signed, block, payload.ToArray());
    }

    /// <summary>Decodes a proposal from its wire encoding; the signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical proposal, or the header or payload does not match the signed block id.</exception>
    public static Proposal Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.Proposal);
        var setId = Codec.ReadHash(ref reader);
        var height = reader.ReadUInt64();
        var round = Codec.ReadRound(ref reader);
        var polAt = reader.Position;
        var polRound = reader.ReadVarInt64();
        if (polRound < -1 || polRound >= round)
        {
            throw new LedgerFormatException($"proof-of-lock round {polRound} is not in -1..{round - 1}", polAt);
        }

        var blockId = Codec.ReadHash(ref reader);
        var proposer = Codec.ReadDeviceId(ref reader);
        var signed = reader.Consumed.ToArray();
        var signature = new Signature(reader.ReadBytes(Signature.Size));
        var blockAt = reader.Position;
        var block = ConsensusBlock.Decode(reader.ReadSizedBytes(ConsensusBlock.MaxEncodedSize));
        if (block.Hash != blockId || block.SetId != setId || block.Height != height)
        {
            throw new LedgerFormatException("the block header is not the one the proposal signs", blockAt);
        }

        byte[]? payload = null;
        var flagAt = reader.Position;
        switch (reader.ReadByte())
        {
            case 0:
                break;
            case 1:
                payload = reader.ReadSizedBytes(ConsensusBlock.MaxPayloadSize).ToArray();
                if (Hash256.Compute(payload) != block.PayloadHash)
                {
                    throw new LedgerFormatException("the payload does not hash to the block's payload hash", flagAt + 1);
                }

                break;
            case var flag:
                throw new LedgerFormatException($"payload flag {flag} is neither 0 nor 1", flagAt);
        }

        reader.EnsureEnd("proposal");
        return new Proposal(height, round, (int)polRound, proposer, signature, signed, block, payload);
    }

    /// <inheritdoc />
    public override byte[] Encode() => Encode(includePayload: true);

    /// <summary>The wire encoding; without the payload when <paramref name="includePayload"/> is false (evidence keeps only what proves the fault).</summary>
    public byte[] Encode(bool includePayload)
    {
        var writer = new CanonicalWriter(_signed.Length + Signature.Size + Block.Encoded.Length + 16 + (_payload?.Length ?? 0));
        writer.WriteBytes(_signed);
        writer.WriteBytes(Signature.Span);
        writer.WriteSizedBytes(Block.Encoded.Span);
        if (includePayload && _payload is not null)
        {
            writer.WriteByte(1);
            writer.WriteSizedBytes(_payload);
        }
        else
        {
            writer.WriteByte(0);
        }

        return writer.ToArray();
    }

    /// <summary>Whether the proposal is for <paramref name="set"/> and signed by its proposer, a member of it.</summary>
    public bool IsSignedBy(ValidatorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Block.SetId == set.Id && set.Verify(set.IndexOf(Proposer), _signed, Signature);
    }

    /// <inheritdoc />
    public override string ToString() => $"Proposal {Proposer} h{Height} r{Round} pol{PolRound} {Block.Hash.ToShortString(8)}";

    /// <summary>The bytes a proposer signs for a proposal (what a signing guard judges before the signature is made).</summary>
    public static byte[] SignedPayload(Hash256 setId, ulong height, int round, int polRound, Hash256 blockId, DeviceId proposer)
    {
        var writer = new CanonicalWriter(128);
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.Proposal);
        writer.WriteBytes(setId.Span);
        writer.WriteUInt64(height);
        writer.WriteUInt32((uint)round);
        writer.WriteVarInt64(polRound);
        writer.WriteBytes(blockId.Span);
        writer.WriteShortAscii(proposer.Value);
        return writer.ToArray();
    }
}
