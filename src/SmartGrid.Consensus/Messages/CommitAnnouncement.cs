using SmartGrid.Consensus.Certificates;
using SmartGrid.Ledger.Canonical;
using SmartGrid.Ledger.Hashing;

namespace SmartGrid.Consensus.Messages;

/// <summary>
/// A decided block with its payload and commit certificate, sent to validators still at that
/// height. It needs no sender signature: the certificate proves the commit on its own.
/// </summary>
/// <remarks>Wire: <c>0x27 01 | block header (sized) | payload (sized) | certificate (sized)</c>.</remarks>
public sealed class CommitAnnouncement : ConsensusMessage
{
    private readonly byte[] _payload;

    /// <summary>Creates an announcement; the parts are checked by the receiver, not here.</summary>
    public CommitAnnouncement(ConsensusBlock block, ReadOnlyMemory<byte> payload, CommitCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(certificate);
        Block = block;
        _payload = payload.ToArray();
        Certificate = certificate;
    }

    /// <inheritdoc />
    public override ulong Height => Block.Height;

    /// <inheritdoc />
    public override int Round => Certificate.Round;

    /// <summary>The decided block header.</summary>
    public ConsensusBlock Block { get; }

    /// <summary>Its payload.</summary>
    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>The certificate of the commit.</summary>
    public CommitCertificate Certificate { get; }

    /// <summary>Decodes an announcement; neither the certificate nor the payload hash is checked here.</summary>
    /// <exception cref="LedgerFormatException">The bytes are not exactly one canonical announcement.</exception>
    public static CommitAnnouncement Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusRecords.ReadHeader(ref reader, ConsensusRecordType.CommitAnnouncement);
        var block = ConsensusBlock.Decode(reader.ReadSizedBytes(ConsensusBlock.MaxEncodedSize));
        var payload = reader.ReadSizedBytes(ConsensusBlock.MaxPayloadSize).ToArray();
        var certificate = CommitCertificate.Decode(reader.ReadSizedBytes(ConsensusBlock.MaxEncodedSize));
        reader.EnsureEnd("commit announcement");
        return new CommitAnnouncement(block, payload, certificate);
    }

    /// <summary>Whether the payload hashes to the block's payload hash.</summary>
    public bool PayloadMatches() => Hash256.Compute(_payload) == Block.PayloadHash;

    /// <inheritdoc />
    public override byte[] Encode()
    {
        var writer = new CanonicalWriter(Block.Encoded.Length + _payload.Length + Certificate.Encoded.Length + 16);
        ConsensusRecords.WriteHeader(writer, ConsensusRecordType.CommitAnnouncement);
        writer.WriteSizedBytes(Block.Encoded.Span);
        writer.WriteSizedBytes(_payload);
        writer.WriteSizedBytes(Certificate.Encoded.Span);
        return writer.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => $"Commit h{Height} r{Round} {Block.Hash.ToShortString(8)}";
}
