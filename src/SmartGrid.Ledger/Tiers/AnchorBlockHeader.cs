using System.Collections.Immutable;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Chain;
using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Hashing;
using SmartGrid.Ledger.Identity;
using SmartGrid.Ledger.Pki;

namespace SmartGrid.Ledger.Tiers;

/// <summary>
/// The signed part of an anchor block: who sealed it, where it sits in the node's chain, the Merkle
/// root and count of the anchors it carries, the feeder readings of the interval, and the
/// signature. The block hash covers the header only, so a proof carries the header and one Merkle
/// path instead of every anchor of the block.
/// </summary>
/// <remarks>
/// Canonical layout (version 1), all signed but the signature:
/// <c>0x15 01 | role u8 | node id (len, ASCII) | sequence u64 | key serial u64 | previous (32) |
/// timestamp ms i64 | anchor count varint | anchor root (32) | feeder count varint | feeder readings |
/// event count varint | events | commit scheme u8 | signature (64)</c>.
/// </remarks>
public sealed class AnchorBlockHeader : ISignedBlock
{
    /// <summary>Current encoding version.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Most anchors one block may carry.</summary>
    public const int MaxAnchors = 1 << 16;

    /// <summary>Most feeder readings one block may carry.</summary>
    public const int MaxFeederReadings = 1 << 12;

    /// <summary>Most analytics events one block may carry.</summary>
    public const int MaxEvents = 1 << 12;

    private readonly byte[] _encoded;

    private AnchorBlockHeader(DeviceRole role, DeviceId node, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, int anchorCount, Hash256 anchorRoot, ImmutableArray<FeederReading> feeder, ImmutableArray<ChainEvent> events, CommitScheme commit, Signature signature, byte[] encoded)
    {
        Events = events;
        Role = role;
        Node = node;
        Sequence = sequence;
        KeySerial = keySerial;
        Previous = previous;
        Timestamp = timestamp;
        AnchorCount = anchorCount;
        AnchorRoot = anchorRoot;
        Feeder = feeder;
        Commit = commit;
        Signature = signature;
        _encoded = encoded;
        Hash = Hash256.Compute(encoded);
    }

    /// <summary>Tier of the signing node (concentrator, substation or utility).</summary>
    public DeviceRole Role { get; }

    /// <summary>The node whose chain this block extends.</summary>
    public DeviceId Node { get; }

    /// <inheritdoc />
    public DeviceId Signer => Node;

    /// <inheritdoc />
    public ulong Sequence { get; }

    /// <inheritdoc />
    public ulong KeySerial { get; }

    /// <inheritdoc />
    public Hash256 Previous { get; }

    /// <inheritdoc />
    public DateTimeOffset Timestamp { get; }

    /// <summary>Number of anchors in the block (the Merkle tree size).</summary>
    public int AnchorCount { get; }

    /// <summary>RFC 6962 Merkle root over the anchors' leaf bytes, in block order.</summary>
    public Hash256 AnchorRoot { get; }

    /// <summary>Feeder readings of the interval (concentrators; empty above).</summary>
    public ImmutableArray<FeederReading> Feeder { get; }

    /// <summary>Analytics verdicts the node recorded in this block (energy balance, voltage, faults).</summary>
    public ImmutableArray<ChainEvent> Events { get; }

    /// <summary>How the block was committed.</summary>
    public CommitScheme Commit { get; }

    /// <summary>The signer's signature over every preceding byte.</summary>
    public Signature Signature { get; }

    /// <summary>SHA-256 of <see cref="Encoded"/>: the block hash.</summary>
    public Hash256 Hash { get; }

    /// <summary>The canonical encoding of the header.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>
    /// Builds, encodes and signs a header. With <see cref="CommitScheme.CommitCertificate"/> the
    /// block is committed by a validator set and stored with its <see cref="CommitEvidence"/>.
    /// </summary>
    public static AnchorBlockHeader Create(DeviceRole role, DeviceId node, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, int anchorCount, Hash256 anchorRoot, ImmutableArray<FeederReading> feeder, SigningKeyPair key, ImmutableArray<ChainEvent> events = default, CommitScheme commit = CommitScheme.SignerAlone)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsKnown(commit))
        {
            throw new ArgumentOutOfRangeException(nameof(commit), commit, "unknown commit scheme");
        }

        events = Normalize(events);
        var payload = EncodePayload(role, node, sequence, keySerial, previous, timestamp, anchorCount, anchorRoot, feeder, events, commit);
        var signature = key.Sign(payload.WrittenSpan);
        payload.WriteBytes(signature.Span);
        return new AnchorBlockHeader(role, node, sequence, keySerial, previous, Truncate(timestamp), anchorCount, anchorRoot, Normalize(feeder), events, commit, signature, payload.ToArray());
    }

    /// <summary>Decodes a header that is exactly <paramref name="bytes"/>. The signature is not checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical header.</exception>
    public static AnchorBlockHeader Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var header = ReadFrom(ref reader);
        reader.EnsureEnd("anchor block header");
        return header;
    }

    /// <summary>Reads one header from <paramref name="reader"/>, leaving it after the signature.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not a canonical header.</exception>
    public static AnchorBlockHeader ReadFrom(ref CanonicalReader reader)
    {
        var start = reader.Position;
        reader.ReadHeader(RecordType.AnchorBlock, FormatVersion);
        var roleAt = reader.Position;
        var role = (DeviceRole)reader.ReadByte();
        if (!Tier.IsAnchoring(role))
        {
            throw new LedgerFormatException($"role {(byte)role} does not keep anchor chains", roleAt);
        }

        var idAt = reader.Position;
        if (!DeviceId.TryParse(reader.ReadShortAscii(), out var node, out var idError))
        {
            throw new LedgerFormatException(idError, idAt);
        }

        var sequence = reader.ReadUInt64();
        var keySerial = reader.ReadUInt64();
        var previous = new Hash256(reader.ReadBytes(Hash256.Size));
        var timeAt = reader.Position;
        var timestamp = MeterBlock.ReadTimestamp(reader.ReadInt64(), timeAt);
        var anchorCount = reader.ReadVarCount(0, MaxAnchors, "anchors");
        var anchorRoot = new Hash256(reader.ReadBytes(Hash256.Size));
        var feederCount = reader.ReadVarCount(0, MaxFeederReadings, "feeder readings");
        var feeder = ImmutableArray.CreateBuilder<FeederReading>(feederCount);
        for (var i = 0; i < feederCount; i++)
        {
            feeder.Add(FeederReading.ReadFrom(ref reader));
        }

        var eventCount = reader.ReadVarCount(0, MaxEvents, "events");
        var events = ImmutableArray.CreateBuilder<ChainEvent>(eventCount);
        for (var i = 0; i < eventCount; i++)
        {
            events.Add(ChainEvent.ReadFrom(ref reader));
        }

        var commitAt = reader.Position;
        var commit = (CommitScheme)reader.ReadByte();
        if (!IsKnown(commit))
        {
            throw new LedgerFormatException($"commit scheme {(byte)commit} is not known to format version {FormatVersion}", commitAt);
        }

        var signature = new Signature(reader.ReadBytes(Signature.Size));
        var encoded = reader.Consumed[start..].ToArray();
        return new AnchorBlockHeader(role, node, sequence, keySerial, previous, timestamp, anchorCount, anchorRoot, feeder.MoveToImmutable(), events.MoveToImmutable(), commit, signature, encoded);
    }

    /// <inheritdoc />
    public bool VerifySignature(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(_encoded.AsSpan(0, _encoded.Length - Signature.Size), Signature);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Tier.NameOf(Role)} block {Node}#{Sequence} {Hash.ToShortString()} ({AnchorCount} anchors)";

    private static CanonicalWriter EncodePayload(DeviceRole role, DeviceId node, ulong sequence, ulong keySerial, Hash256 previous, DateTimeOffset timestamp, int anchorCount, Hash256 anchorRoot, ImmutableArray<FeederReading> feeder, ImmutableArray<ChainEvent> events, CommitScheme commit)
    {
        if (!Tier.IsAnchoring(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "only concentrators, substations and the utility keep anchor chains");
        }

        if (node.IsEmpty)
        {
            throw new ArgumentException("an anchor block needs a node id", nameof(node));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(anchorCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(anchorCount, MaxAnchors);
        feeder = Normalize(feeder);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(feeder.Length, MaxFeederReadings, nameof(feeder));
        var writer = new CanonicalWriter(192 + (feeder.Length * 24));
        writer.WriteHeader(RecordType.AnchorBlock, FormatVersion);
        writer.WriteByte((byte)role);
        writer.WriteShortAscii(node.Value);
        writer.WriteUInt64(sequence);
        writer.WriteUInt64(keySerial);
        writer.WriteBytes(previous.Span);
        writer.WriteInt64(MeterBlock.ToUnixMilliseconds(timestamp));
        writer.WriteVarUInt64((ulong)anchorCount);
        writer.WriteBytes(anchorRoot.Span);
        writer.WriteVarUInt64((ulong)feeder.Length);
        foreach (var reading in feeder)
        {
            reading.WriteTo(writer);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(events.Length, MaxEvents, nameof(events));
        writer.WriteVarUInt64((ulong)events.Length);
        foreach (var item in events)
        {
            item.WriteTo(writer);
        }

        writer.WriteByte((byte)commit);
        return writer;
    }

    private static bool IsKnown(CommitScheme commit) => commit is CommitScheme.SignerAlone or CommitScheme.CommitCertificate;

    private static ImmutableArray<ChainEvent> Normalize(ImmutableArray<ChainEvent> events) =>
        events.IsDefaultOrEmpty ? [] : [.. events.Select(e => e with { Time = Truncate(e.Time) })];

    private static ImmutableArray<FeederReading> Normalize(ImmutableArray<FeederReading> feeder) =>
        feeder.IsDefaultOrEmpty ? [] : [.. feeder.Select(f => f with { Start = Truncate(f.Start), End = Truncate(f.End) })];

    private static DateTimeOffset Truncate(DateTimeOffset timestamp) => DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
}
