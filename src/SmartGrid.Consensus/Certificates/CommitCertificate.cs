using System.Collections.Immutable;
using SmartGrid.Consensus.Messages;
using SmartGrid.Consensus.Validators;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Certificates;

/// <summary>
/// Proof that a block committed: precommit signatures of at least n - f (2f+1 when n = 3f+1)
/// distinct validators for the same block id at one height and round. Stored after the block;
/// anyone holding the validator set can check it offline.
/// </summary>
/// <remarks>
/// Layout: <c>0x23 01 | set id (32) | height u64 | round u32 | block id (32) | count varint |
/// (validator index varint | signature (64)) × count</c>, indices strictly increasing. Each
/// signature is over <see cref="Vote.SignedPayload"/> of a precommit with these fields.
/// </remarks>
public sealed class CommitCertificate
{
    private readonly byte[] _encoded;

    private CommitCertificate(Hash256 setId, ulong height, int round, Hash256 blockId, ImmutableArray<CommitSignature> signatures, byte[] encoded)
    {
        SetId = setId;
        Height = height;
        Round = round;
        BlockId = blockId;
        Signatures = signatures;
        _encoded = encoded;
    }

    /// <summary>The validator set whose members signed.</summary>
    public Hash256 SetId { get; }

    /// <summary>Height of the committed block.</summary>
    public ulong Height { get; }

    /// <summary>Round in which the precommits were cast.</summary>
    public int Round { get; }

    /// <summary>The committed block's id.</summary>
    public Hash256 BlockId { get; }

    /// <summary>The precommit signatures, by increasing validator index.</summary>
    public ImmutableArray<CommitSignature> Signatures { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>
    /// Builds a certificate from precommits for one block (duplicates and votes of other validators
    /// than the set's are dropped). Nothing is verified here: <see cref="Check(ValidatorSet)"/> does that.
    /// </summary>
    /// <exception cref="ArgumentException">The votes are not all precommits of one block at one height and round of <paramref name="set"/>.</exception>
    public static CommitCertificate FromPrecommits(ValidatorSet set, IEnumerable<Vote> precommits)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(precommits);
        var votes = precommits.ToList();
        if (votes.Count == 0 || votes.Any(v => v.Type != VoteType.Precommit || v.BlockId is null || v.SetId != set.Id
            || v.Height != votes[0].Height || v.Round != votes[0].Round || v.BlockId != votes[0].BlockId))
        {
            throw new ArgumentException("a certificate is made of precommits for one block at one height and round", nameof(precommits));
        }

        var signatures = votes
            .Select(v => new CommitSignature(set.IndexOf(v.Validator), v.Signature))
            .Where(s => s.ValidatorIndex >= 0)
            .DistinctBy(s => s.ValidatorIndex)
            .OrderBy(s => s.ValidatorIndex)
            .ToImmutableArray();
        return Create(set.Id, votes[0].Height, votes[0].Round, votes[0].BlockId!.Value, signatures);
    }

    /// <summary>Assembles a certificate from its fields; signatures are sorted by index. Nothing is verified here.</summary>
    /// <exception cref="ArgumentException">Two signatures name the same validator.</exception>
    public static CommitCertificate Create(Hash256 setId, ulong height, int round, Hash256 blockId, IEnumerable<CommitSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        var sorted = signatures.OrderBy(s => s.ValidatorIndex).ToImmutableArray();
        var writer = new CanonicalWriter(96 + (sorted.Length * 66));
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.CommitCertificate);
        writer.WriteBytes(setId.Span);
        writer.WriteUInt64(height);
        writer.WriteUInt32((uint)round);
        writer.WriteBytes(blockId.Span);
        writer.WriteVarUInt64((ulong)sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].ValidatorIndex < 0 || (i > 0 && sorted[i].ValidatorIndex == sorted[i - 1].ValidatorIndex))
            {
                throw new ArgumentException($"validator index {sorted[i].ValidatorIndex} is negative or named twice", nameof(signatures));
            }

            writer.WriteVarUInt64((ulong)sorted[i].ValidatorIndex);
            writer.WriteBytes(sorted[i].Signature.Span);
        }

        return new CommitCertificate(setId, height, round, blockId, sorted, writer.ToArray());
    }

    /// <summary>Decodes a certificate that is exactly <paramref name="bytes"/>; signatures are not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical certificate.</exception>
    public static CommitCertificate Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.CommitCertificate);
        var setId = Codec.ReadHash(ref reader);
        var height = reader.ReadUInt64();
        var round = Codec.ReadRound(ref reader);
        var blockId = Codec.ReadHash(ref reader);
        var signatures = ImmutableArray.CreateBuilder<CommitSignature>(reader.ReadVarCount(0, ValidatorSet.MaxValidators, "signatures"));
        for (var i = 0; i < signatures.Capacity; i++)
        {
            var at = reader.Position;
            var index = reader.ReadVarCount(0, ValidatorSet.MaxValidators - 1, "validator index");
            if (i > 0 && index <= signatures[i - 1].ValidatorIndex)
            {
                throw new LedgerFormatException($"validator index {index} does not follow {signatures[i - 1].ValidatorIndex}", at);
            }

            signatures.Add(new CommitSignature(index, new Signature(reader.ReadBytes(Signature.Size))));
        }

        reader.EnsureEnd("commit certificate");
        return new CommitCertificate(setId, height, round, blockId, signatures.MoveToImmutable(), bytes.ToArray());
    }

    /// <summary>
    /// Checks the certificate against <paramref name="set"/>: same set, at least n - f distinct
    /// members, and every signature a valid precommit of <see cref="BlockId"/> at this height and round.
    /// </summary>
    public CertificateDefect Check(ValidatorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (SetId != set.Id)
        {
            return CertificateDefect.WrongValidatorSet;
        }

        if (Signatures.Any(s => s.ValidatorIndex >= set.Count))
        {
            return CertificateDefect.UnknownValidator;
        }

        if (Signatures.Length < set.Quorum)
        {
            return CertificateDefect.TooFewSignatures;
        }

        foreach (var signature in Signatures)
        {
            var signed = Vote.SignedPayload(SetId, Height, Round, VoteType.Precommit, BlockId, set[signature.ValidatorIndex].Id);
            if (!set.Verify(signature.ValidatorIndex, signed, signature.Signature))
            {
                return CertificateDefect.BadSignature;
            }
        }

        return CertificateDefect.None;
    }

    /// <summary>Checks the certificate against <paramref name="set"/> and that it certifies <paramref name="block"/>.</summary>
    public CertificateDefect Check(ValidatorSet set, ConsensusBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Hash != BlockId || block.Height != Height ? CertificateDefect.WrongBlock : Check(set);
    }

    /// <inheritdoc />
    public override string ToString() => $"certificate h{Height} r{Round} {BlockId.ToShortString(8)} ({Signatures.Length} signatures)";
}
