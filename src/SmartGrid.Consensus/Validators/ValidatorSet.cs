using System.Collections.Frozen;
using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;

namespace SmartGrid.Consensus.Validators;

/// <summary>
/// The validators of one chain, sorted by id, with the fault bound f = floor((n-1)/3) and the
/// quorum n - f (2f+1 when n = 3f+1). Its <see cref="Id"/>, the hash of its canonical encoding,
/// is signed into every message, so a vote for one chain or one membership never counts in another.
/// </summary>
/// <remarks>Layout: <c>0x25 01 | chain (len, ASCII) | count varint | (id (len, ASCII) | public key 32) × n</c>.</remarks>
public sealed class ValidatorSet
{
    /// <summary>Most validators a set may hold.</summary>
    public const int MaxValidators = 1024;

    private readonly FrozenDictionary<DeviceId, int> _indexById;

    /// <summary>Creates a set for <paramref name="chain"/> from validators in any order.</summary>
    /// <exception cref="ArgumentException">The set is empty, too large, or names a validator twice.</exception>
    public ValidatorSet(DeviceId chain, IEnumerable<Validator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (chain.IsEmpty)
        {
            throw new ArgumentException("a validator set needs a chain id", nameof(chain));
        }

        var sorted = validators.OrderBy(v => v.Id).ToImmutableArray();
        if (sorted.Length is 0 or > MaxValidators)
        {
            throw new ArgumentException($"a validator set holds 1..{MaxValidators} validators, not {sorted.Length}", nameof(validators));
        }

        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i - 1].Id == sorted[i].Id)
            {
                throw new ArgumentException($"validator '{sorted[i].Id}' is named twice", nameof(validators));
            }
        }

        Chain = chain;
        Members = sorted;
        _indexById = sorted.Select((v, i) => KeyValuePair.Create(v.Id, i)).ToFrozenDictionary();
        var writer = new CanonicalWriter(64 + (sorted.Length * 48));
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.ValidatorSet);
        writer.WriteShortAscii(chain.Value);
        writer.WriteVarUInt64((ulong)sorted.Length);
        foreach (var validator in sorted)
        {
            writer.WriteShortAscii(validator.Id.Value);
            writer.WriteBytes(validator.Key.Span);
        }

        Encoded = writer.ToArray();
        Id = Hash256.Compute(Encoded.Span);
    }

    /// <summary>Decodes a set from its canonical encoding (the members must be sorted, as encoded).</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical validator set.</exception>
    public static ValidatorSet Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.ValidatorSet);
        var chain = Messages.Codec.ReadDeviceId(ref reader);
        var countAt = reader.Position;
        var count = reader.ReadVarUInt64();
        if (count is 0 or > MaxValidators)
        {
            throw new LedgerFormatException($"a validator set holds 1..{MaxValidators} validators, not {count}", countAt);
        }

        var members = new List<Validator>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            var at = reader.Position;
            var id = Messages.Codec.ReadDeviceId(ref reader);
            if (members.Count > 0 && members[^1].Id.CompareTo(id) >= 0)
            {
                throw new LedgerFormatException($"validator '{id}' is out of order or named twice", at);
            }

            var keyAt = reader.Position;
            members.Add(new Validator(id, PublicKey.TryFromBytes(reader.ReadBytes(PublicKey.Size), out var key) ? key : throw new LedgerFormatException($"validator '{id}' has no valid Ed25519 public key", keyAt)));
        }

        reader.EnsureEnd("validator set");
        return new ValidatorSet(chain, members);
    }

    /// <summary>The chain these validators commit (the substation or utility whose chain it is).</summary>
    public DeviceId Chain { get; }

    /// <summary>The validators, sorted by id; a validator's index is its position here.</summary>
    public ImmutableArray<Validator> Members { get; }

    /// <summary>SHA-256 of <see cref="Encoded"/>: the set id every message signs.</summary>
    public Hash256 Id { get; }

    /// <summary>The canonical encoding.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Number of validators, n.</summary>
    public int Count => Members.Length;

    /// <summary>Byzantine validators tolerated, f = floor((n-1)/3).</summary>
    public int FaultBound => (Count - 1) / 3;

    /// <summary>Votes that make a quorum, n - f: any two quorums share at least f+1 validators, so at least one honest one.</summary>
    public int Quorum => Count - FaultBound;

    /// <summary>Votes that include at least one honest validator, f + 1.</summary>
    public int Honest => FaultBound + 1;

    /// <summary>The validator at <paramref name="index"/>.</summary>
    public Validator this[int index] => Members[index];

    /// <summary>The index of <paramref name="id"/>, or -1 when it is not a member.</summary>
    public int IndexOf(DeviceId id) => _indexById.TryGetValue(id, out var index) ? index : -1;

    /// <summary>Whether <paramref name="signature"/> over <paramref name="message"/> is by the member at <paramref name="index"/>.</summary>
    public bool Verify(int index, ReadOnlySpan<byte> message, in Signature signature) =>
        index >= 0 && index < Members.Length && Members[index].Key.Verify(message, signature);

    /// <inheritdoc />
    public override string ToString() => $"{Chain} validators (n={Count}, f={FaultBound}, set {Id.ToShortString()})";
}
