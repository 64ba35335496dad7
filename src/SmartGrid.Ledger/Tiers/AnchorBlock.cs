using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Merkle;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// A block of a concentrator, substation or utility chain: a signed <see cref="AnchorBlockHeader"/>
/// followed by the anchors it commits to (heads of the chains one tier below, sorted by child id,
/// one per child). The header's Merkle root binds the anchors; the block hash is the header's.
/// </summary>
/// <remarks>
/// Stored layout: <c>header | anchor leaf bytes × header.AnchorCount</c>, and when the header says
/// <see cref="CommitScheme.CommitCertificate"/>, then <c>| commit evidence</c> (<see cref="CommitEvidence"/>,
/// POEF.md §9.1). Header and anchors are the <see cref="Body"/>: the bytes the validators agree on.
/// </remarks>
public sealed class AnchorBlock : ISignedBlock
{
    /// <summary>Largest encoded block accepted.</summary>
    public const int MaxEncodedSize = 16 << 20;

    private readonly byte[] _encoded;
    private readonly int _bodyLength;

    private AnchorBlock(AnchorBlockHeader header, ImmutableArray<Anchor> anchors, CommitEvidence? evidence, byte[] encoded, int bodyLength)
    {
        Header = header;
        Anchors = anchors;
        Evidence = evidence;
        _encoded = encoded;
        _bodyLength = bodyLength;
    }

    /// <summary>The signed header.</summary>
    public AnchorBlockHeader Header { get; }

    /// <summary>The anchored heads, in leaf order.</summary>
    public ImmutableArray<Anchor> Anchors { get; }

    /// <summary>Tier of the signing node.</summary>
    public DeviceRole Role => Header.Role;

    /// <summary>The node whose chain this block extends.</summary>
    public DeviceId Node => Header.Node;

    /// <inheritdoc />
    public DeviceId Signer => Header.Node;

    /// <inheritdoc />
    public ulong Sequence => Header.Sequence;

    /// <inheritdoc />
    public ulong KeySerial => Header.KeySerial;

    /// <inheritdoc />
    public Hash256 Previous => Header.Previous;

    /// <inheritdoc />
    public DateTimeOffset Timestamp => Header.Timestamp;

    /// <inheritdoc />
    public Hash256 Hash => Header.Hash;

    /// <summary>
    /// The evidence that the validator set committed the block; null for
    /// <see cref="CommitScheme.SignerAlone"/>, and for a <see cref="CommitScheme.CommitCertificate"/>
    /// block that is still a proposal (not yet <see cref="WithEvidence"/>).
    /// </summary>
    public CommitEvidence? Evidence { get; }

    /// <summary>The stored encoding: header, anchors and, when committed by a validator set, the commit evidence.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>
    /// Header and anchors, without the commit evidence: what a validator set agrees on (the
    /// consensus payload, bound by its SHA-256 in the consensus block header).
    /// </summary>
    public ReadOnlyMemory<byte> Body => _encoded.AsMemory(0, _bodyLength);

    /// <summary>
    /// Seals a block over <paramref name="anchors"/> (any order; they are sorted by child id, and
    /// must name each child once and all be chains of the tier below <paramref name="role"/>). With
    /// <see cref="CommitScheme.CommitCertificate"/> the result is a proposal: its <see cref="Body"/>
    /// goes to the validators, and <see cref="WithEvidence"/> makes the block that is stored.
    /// </summary>
    /// <exception cref="ArgumentException">The anchors are not one per child of the tier below.</exception>
    public static AnchorBlock Create(DeviceRole role, DeviceId node, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, IEnumerable<Anchor> anchors, ImmutableArray<FeederReading> feeder, SigningKeyPair key, ImmutableArray<ChainEvent> events = default, CommitScheme commit = CommitScheme.SignerAlone)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var sorted = anchors.OrderBy(a => a.Child).ToImmutableArray();
        if (AnchorDefect(role, sorted) is { } problem)
        {
            throw new ArgumentException(problem, nameof(anchors));
        }

        var header = AnchorBlockHeader.Create(role, node, sequence, keySerial, previous, timestamp, sorted.Length, Anchor.RootOf(sorted.AsSpan()), feeder, key, events, commit);
        return Assemble(header, sorted);
    }

    /// <summary>
    /// Puts a block together from a header, anchors and evidence made elsewhere (a test forging
    /// one); nothing is checked, not even that the evidence fits the commit scheme.
    /// </summary>
    public static AnchorBlock Assemble(AnchorBlockHeader header, ImmutableArray<Anchor> anchors, CommitEvidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var (encoded, bodyLength) = Encode(header, anchors, evidence);
        return new AnchorBlock(header, anchors, evidence, encoded, bodyLength);
    }

    /// <summary>The block as stored once its validator set committed it: this block's body followed by <paramref name="evidence"/>.</summary>
    /// <exception cref="InvalidOperationException">The header's commit scheme is not <see cref="CommitScheme.CommitCertificate"/>.</exception>
    public AnchorBlock WithEvidence(CommitEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (Header.Commit != CommitScheme.CommitCertificate)
        {
            throw new InvalidOperationException($"a block sealed with {Header.Commit} carries no commit evidence");
        }

        return Assemble(Header, Anchors, evidence);
    }

    /// <summary>
    /// Decodes a stored block: with <see cref="CommitScheme.CommitCertificate"/>, the commit evidence
    /// must follow the anchors. Neither the signature, the anchor root nor the evidence is checked here.
    /// </summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical block; the offset names the first bad byte.</exception>
    public static AnchorBlock Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new LedgerFormatException($"an anchor block of {bytes.Length} bytes exceeds the {MaxEncodedSize} allowed");
        }

        var reader = new CanonicalReader(bytes);
        var header = AnchorBlockHeader.ReadFrom(ref reader);
        var anchors = ReadAnchors(ref reader, header);
        var bodyLength = reader.Position;
        var evidence = header.Commit == CommitScheme.CommitCertificate ? CommitEvidence.ReadFrom(ref reader) : null;
        reader.EnsureEnd("anchor block");
        return new AnchorBlock(header, anchors, evidence, bytes.ToArray(), bodyLength);
    }

    /// <summary>
    /// Decodes the <see cref="Body"/> of a <see cref="CommitScheme.CommitCertificate"/> block, as the
    /// validators agree on it: header and anchors, no evidence. The result is the proposal
    /// (<see cref="Evidence"/> null), which <see cref="WithEvidence"/> turns into the stored block.
    /// Neither the signature nor the anchor root is checked here.
    /// </summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical body of a scheme-1 block.</exception>
    public static AnchorBlock DecodeBody(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new LedgerFormatException($"an anchor block of {bytes.Length} bytes exceeds the {MaxEncodedSize} allowed");
        }

        var reader = new CanonicalReader(bytes);
        var header = AnchorBlockHeader.ReadFrom(ref reader);
        if (header.Commit != CommitScheme.CommitCertificate)
        {
            throw new LedgerFormatException($"a block sealed with {header.Commit} is not committed by validators and has no body to agree on", 0);
        }

        var anchors = ReadAnchors(ref reader, header);
        reader.EnsureEnd("anchor block body");
        return new AnchorBlock(header, anchors, null, bytes.ToArray(), bytes.Length);
    }

    /// <inheritdoc />
    public bool VerifySignature(PublicKey key) => Header.VerifySignature(key);

    /// <summary>The index of <paramref name="child"/>'s anchor, or -1 when the block does not anchor it.</summary>
    public int IndexOf(DeviceId child)
    {
        var low = 0;
        var high = Anchors.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = Anchors[middle].Child.CompareTo(child);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>The Merkle inclusion proof of the anchor at <paramref name="index"/> under <see cref="AnchorBlockHeader.AnchorRoot"/>.</summary>
    public MerkleProof ProveAnchor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Anchors.Length);
        var leaves = new Hash256[Anchors.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = Anchors[i].LeafHash();
        }

        return MerkleTree.CreateProof(leaves, index);
    }

    /// <summary>
    /// Why <paramref name="anchors"/> cannot be the anchors of a block of <paramref name="role"/>
    /// (wrong tier, not sorted by child id, a child named twice), or null when they can.
    /// </summary>
    public static string? AnchorDefect(DeviceRole role, ImmutableArray<Anchor> anchors)
    {
        var childRole = Tier.ChildOf(role);
        for (var i = 0; i < anchors.Length; i++)
        {
            if (anchors[i].ChildRole != childRole)
            {
                return $"anchor {i} is a {Tier.NameOf(anchors[i].ChildRole)} chain; a {Tier.NameOf(role)} anchors {Tier.NameOf(childRole)} chains";
            }

            if (i > 0 && anchors[i - 1].Child.CompareTo(anchors[i].Child) >= 0)
            {
                return $"anchors {i - 1} and {i} ('{anchors[i - 1].Child}', '{anchors[i].Child}') are not in strictly increasing child order";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Header.ToString();

    private static ImmutableArray<Anchor> ReadAnchors(ref CanonicalReader reader, AnchorBlockHeader header)
    {
        var anchors = ImmutableArray.CreateBuilder<Anchor>(header.AnchorCount);
        for (var i = 0; i < header.AnchorCount; i++)
        {
            anchors.Add(Anchor.ReadFrom(ref reader));
        }

        return anchors.MoveToImmutable();
    }

    private static (byte[] Encoded, int BodyLength) Encode(AnchorBlockHeader header, ImmutableArray<Anchor> anchors, CommitEvidence? evidence)
    {
        var writer = new CanonicalWriter(header.Encoded.Length + (anchors.Length * 64) + (evidence?.Encoded.Length ?? 0));
        writer.WriteBytes(header.Encoded.Span);
        foreach (var anchor in anchors)
        {
            anchor.WriteTo(writer);
        }

        var bodyLength = writer.Length;
        if (evidence is not null)
        {
            writer.WriteBytes(evidence.Encoded.Span);
        }

        return (writer.ToArray(), bodyLength);
    }
}
